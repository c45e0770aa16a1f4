package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import uk.safeguarding.hub.LocalHubTest;

/**
 * Method security on the module APIs, as a curious reader at another agency would try it: not through the API's
 * controllers but by calling every bean method that names an act directly, with no role that allows it. Each is
 * refused before it runs (its arguments are not even looked at), says which roles may, and leaves a refusal for
 * auditors.
 */
class ActAuthorizationTest extends LocalHubTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyActIsRefusedToACallerWithoutItsRoleAndTheAttemptIsAudited() throws Exception {
        // a housing officer's own user, with the role of an agency that contributes a feed, and none other
        Caller curious = new Caller("curious.reader." + System.nanoTime(), "lambeth-housing", Set.of("agency-contributor"),
                Set.of("E09000022"));
        List<Act> tried = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            Object bean = context.getBean(name);
            Class<?> type = AopUtils.getTargetClass(bean);
            if (!type.getName().startsWith("uk.safeguarding.hub.")) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                Requires requires = method.getAnnotation(Requires.class);
                if (requires == null) {
                    continue;
                }
                assertThat(AopUtils.isAopProxy(bean)).as(name + " is proxied, so its acts are checked").isTrue();
                Object[] arguments = new Object[method.getParameterCount()];
                Class<?>[] types = method.getParameterTypes();
                for (int i = 0; i < types.length; i++) {
                    arguments[i] = types[i] == Caller.class ? curious
                            : types[i].isPrimitive() ? (types[i] == boolean.class ? false : 0) : null;
                }
                Method callable = ClassUtils.getMostSpecificMethod(method, bean.getClass());
                callable.setAccessible(true);
                assertThatThrownBy(() -> {
                    try {
                        callable.invoke(bean, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }).as(type.getSimpleName() + "." + method.getName()).isInstanceOf(DisclosureRefused.class)
                        .hasMessage(requires.value().refusal());
                tried.add(requires.value());
            }
        }
        assertThat(tried).as("the acts the module APIs guard").contains(Act.SCHEDULE_PANEL_MEETING, Act.RECORD_PANEL_DECISION,
                Act.APPOINT_CASE_MANAGER, Act.CLOSE_PANEL_CASE, Act.RELOAD_POLICIES, Act.LIST_CONSENTS, Act.REVIEW_CONSENTS,
                Act.LIST_EXEMPTIONS, Act.REVIEW_EXEMPTIONS, Act.TRAIN_MATCH_MODEL, Act.SEE_PANEL_MEETINGS);
        List<String> refused = jdbc.sql("""
                select detail::jsonb ->> 'act' from audit_entry where actor = ? and detail::jsonb ->> 'refused' is not null
                order by 1""").param(curious.userId()).query(String.class).list();
        assertThat(refused).as("every attempt is in the audit log")
                .containsExactlyInAnyOrderElementsOf(tried.stream().map(Act::name).toList());
    }

    @Test
    void aRoleThatAllowsTheActPassesTheCheck() {
        Caller chair = new Caller("lambeth.chair", "lambeth-csp", Set.of("panel-chair"), Set.of("E09000022"));
        // past the role check, the act's own rules answer: no meeting in a borough the chair does not chair
        assertThatThrownBy(() -> context.getBean(uk.safeguarding.hub.casework.Panel.class)
                .scheduleMeeting(chair, "E09000001", java.time.LocalDate.of(2031, 1, 6)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("you do not chair a panel in E09000001");
    }
}
