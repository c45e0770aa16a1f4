package uk.safeguarding.hub.access;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import uk.safeguarding.hub.audit.AuditLog;

/**
 * Enforces {@link Requires} on every bean through Spring Security's method interceptor (see {@code AccessConfig}):
 * the one place that refuses an act to a caller without the role, and records the attempt for auditors.
 */
class ActAuthorization implements AuthorizationManager<MethodInvocation> {

    private final ObjectProvider<AuditLog> audit;
    private final ObjectProvider<PlatformTransactionManager> transactions;

    ActAuthorization(ObjectProvider<AuditLog> audit, ObjectProvider<PlatformTransactionManager> transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, MethodInvocation invocation) {
        Method method = AopUtils.getMostSpecificMethod(invocation.getMethod(),
                invocation.getThis() == null ? invocation.getMethod().getDeclaringClass() : invocation.getThis().getClass());
        Requires requires = AnnotatedElementUtils.findMergedAnnotation(method, Requires.class);
        Caller caller = null;
        for (Object argument : invocation.getArguments()) {
            if (argument instanceof Caller c) {
                caller = c;
                break;
            }
        }
        if (requires == null || caller == null) {
            // an act without a caller to judge is a programming error: fail closed
            throw new IllegalStateException(method + " requires an act but names no caller");
        }
        if (!requires.value().allows(caller)) {
            String why = requires.value().refusal();
            AuditLog.Entry attempt = new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null,
                    method.getName(), List.of(), Map.of("refused", why, "act", requires.value().name()));
            // committed on its own (or noted in the query's entry): the refused act's rollback does not take it back
            TransactionTemplate own = new TransactionTemplate(transactions.getObject());
            own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            own.executeWithoutResult(status -> audit.getObject().append(attempt));
            throw new DisclosureRefused(why);
        }
        return new AuthorizationDecision(true);
    }
}
