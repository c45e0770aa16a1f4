package uk.safeguarding.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;
import uk.safeguarding.hub.DatabaseOwner;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.local.LocalInfrastructure;

/**
 * Least privilege: a hostile operator holding the hub's own database credentials tries what the schema's
 * owner could do to the audit tables. The hub's role owns none of them and has only INSERT and SELECT on
 * them, so every attempt is refused by PostgreSQL's privileges before any trigger is reached.
 */
class HubRoleTest extends LocalHubTest {

    private static final List<String> AUDIT_TABLES = List.of("audit_entry", "audit_checkpoint", "audit_signing_key");

    @Autowired
    private Environment env;

    private String refusal(String sql) {
        Throwable refused = catchThrowable(() -> jdbc.sql(sql).update());
        assertThat(refused).as(sql).isNotNull();
        return NestedExceptionUtils.getMostSpecificCause(refused).getMessage();
    }

    @Test
    void theHubConnectsAsItsOwnRoleWhichOwnsNoAuditTable() {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo(LocalInfrastructure.HUB_ROLE);
        assertThat(jdbc.sql("select rolsuper or rolcreaterole or rolbypassrls from pg_roles where rolname = current_user")
                .query(Boolean.class).single()).isFalse();
        for (String table : AUDIT_TABLES) {
            assertThat(jdbc.sql("select pg_get_userbyid(relowner) from pg_class where relname = ?").param(table)
                    .query(String.class).single()).isNotEqualTo(LocalInfrastructure.HUB_ROLE);
            assertThat(jdbc.sql("select has_table_privilege(?, 'INSERT') and has_table_privilege(?, 'SELECT')")
                    .params(table, table).query(Boolean.class).single()).as(table).isTrue();
            assertThat(jdbc.sql("""
                    select has_table_privilege(?, 'UPDATE') or has_table_privilege(?, 'DELETE')
                        or has_table_privilege(?, 'TRUNCATE') or has_table_privilege(?, 'TRIGGER')""")
                    .params(table, table, table, table).query(Boolean.class).single()).as(table).isFalse();
        }
    }

    @Test
    void theHubsRoleCannotDisableTheTriggersUpdateDeleteOrTruncate() {
        client.query(client.devToken("lambeth.analyst"), "{ searchSubjects(purpose: VVASB_PANEL, first: 1) { edges { cursor } } }");
        long entries = jdbc.sql("select count(*) from audit_entry").query(Long.class).single();

        assertThat(refusal("alter table audit_entry disable trigger audit_entry_append_only")).contains("must be owner");
        assertThat(refusal("alter table audit_checkpoint disable trigger all")).contains("must be owner");
        assertThat(refusal("drop trigger audit_entry_append_only on audit_entry")).contains("must be owner");
        assertThat(refusal("alter table audit_entry owner to " + LocalInfrastructure.HUB_ROLE)).contains("must be owner");
        for (String table : AUDIT_TABLES) {
            assertThat(refusal("update " + table + " set " + (table.equals("audit_entry") ? "actor = actor"
                    : table.equals("audit_checkpoint") ? "signature = signature" : "algorithm = algorithm")))
                    .contains("permission denied");
            assertThat(refusal("delete from " + table)).contains("permission denied");
            assertThat(refusal("truncate " + table)).contains("permission denied");
        }
        assertThat(refusal("create trigger t before insert on audit_entry for each statement"
                + " execute function audit_entry_is_append_only()")).contains("permission denied");
        assertThat(jdbc.sql("select count(*) from audit_entry").query(Long.class).single()).isEqualTo(entries);
    }

    @Test
    void theOwnerCanWhichIsWhyTheTriggersAndTheWitnessRemain() {
        // the owner (who migrates the schema) can disable the trigger: that is a database administrator's power,
        // caught by the checkpoints and their witness (AuditTamperTest), not prevented
        new DatabaseOwner(env).rolledBack(owner -> owner.sql(
                "alter table audit_entry disable trigger audit_entry_append_only").update());
    }
}
