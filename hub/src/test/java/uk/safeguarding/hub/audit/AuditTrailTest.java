package uk.safeguarding.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.hub.DatabaseOwner;
import uk.safeguarding.hub.LocalHubTest;

/** Every disclosure leaves a chained audit entry, and the table cannot be rewritten. */
class AuditTrailTest extends LocalHubTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    @Autowired
    private Environment env;

    record Row(long sequence, String actor, String purpose, String operation, int subjects, String detail,
            String previousHash, String hash) {
    }

    private List<Row> entries() {
        return jdbc.sql("""
                select sequence, actor, purpose, operation, cardinality(subjects), detail::text, previous_hash, hash
                from audit_entry order by sequence""")
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    @Test
    void eachDisclosureIsRecordedWithWhoWhyAndWhatButNotTheValues() {
        long before = entries().size();
        // a repeat victim the police know, by the name every partner recorded
        var victim = uk.safeguarding.hub.TestRecords.resident(0);
        String query = "{ searchSubjects(purpose: MARAC, name: \"" + victim.givenName() + " " + victim.familyName()
                + "\", first: 3) { edges { node { id familyName timeline(first: 2) { edges { node { id } } } } } } }";

        var response = client.query(client.devToken("lambeth.chair"), query);

        int subjects = response.data().path("searchSubjects").path("edges").size();
        assertThat(subjects).isPositive();
        // one entry for the request, however many decisions its fields made (the search and each timeline)
        List<Row> added = entries().subList((int) before, entries().size());
        assertThat(added).hasSize(1);
        Row search = added.get(0);
        assertThat(search.actor()).isEqualTo("lambeth.chair");
        assertThat(search.purpose()).isEqualTo("MARAC");
        assertThat(search.operation()).isEqualTo("searchSubjects");
        assertThat(search.subjects()).isEqualTo(subjects);
        assertThat(search.detail()).contains("\"criteria\":[\"name\"]").doesNotContain(victim.givenName(), victim.familyName());
        JsonNode parts = JSON.readTree(search.detail()).path("parts");
        assertThat(parts).hasSize(1 + subjects);
        assertThat(parts.get(0).path("operation").asString()).isEqualTo("searchSubjects");
        for (int i = 1; i <= subjects; i++) {
            assertThat(parts.get(i).path("operation").asString()).isEqualTo("timeline");
        }
        // every timeline's events are named in the one entry's records
        assertThat(JSON.readTree(search.detail()).path("records").findValuesAsString("event")).isNotEmpty();
    }

    @Test
    void twoSearchesInOneRequestAreOneEntryNamingEachPurpose() {
        long before = entries().size();
        var response = client.query(client.devToken("lambeth.chair"),
                "{ a: searchSubjects(purpose: VVASB_PANEL, first: 1) { edges { cursor } } "
                        + "b: searchSubjects(purpose: MARAC, first: 1) { edges { cursor } } }");
        assertThat(response.errors().isMissingNode() || response.errors().isEmpty()).as(response.body().toString()).isTrue();
        List<Row> added = entries().subList((int) before, entries().size());
        assertThat(added).singleElement().satisfies(row -> {
            assertThat(row.purpose()).as("the first decision's purpose names the entry").isEqualTo("VVASB_PANEL");
            assertThat(JSON.readTree(row.detail()).path("parts").findValuesAsString("purpose"))
                    .containsExactly("VVASB_PANEL", "MARAC");
        });
    }

    @Test
    void entriesFormOneUnbrokenHashChain() {
        client.query(client.devToken("lambeth.analyst"), "{ searchSubjects(purpose: VVASB_PANEL, first: 2) { edges { cursor } } }");
        List<Row> rows = entries();

        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0).previousHash()).isEqualTo(HashChainedAuditLog.GENESIS);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).sequence()).isEqualTo(rows.get(i - 1).sequence() + 1);
            assertThat(rows.get(i).previousHash()).isEqualTo(rows.get(i - 1).hash());
        }
        assertThat(rows).extracting(Row::hash).doesNotHaveDuplicates().allMatch(h -> h.matches("[0-9a-f]{64}"));
    }

    @Test
    void theDatabaseRefusesToEditOrDeleteAuditEntries() {
        client.query(client.devToken("lambeth.analyst"), "{ searchSubjects(purpose: VVASB_PANEL, first: 1) { edges { cursor } } }");

        // the hub's own role has no right to; the owner has, and the trigger refuses
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set actor = 'someone-else'").update())
                .rootCause().hasMessageContaining("permission denied");
        JdbcClient owner = new DatabaseOwner(env).jdbc();
        assertThatThrownBy(() -> owner.sql("update audit_entry set actor = 'someone-else'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> owner.sql("delete from audit_entry").update()).hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from audit_entry where actor = 'someone-else'").query(Integer.class).single())
                .isZero();
    }

    @Test
    void aRefusedRequestDisclosesNothingButIsRecorded() {
        int before = entries().size();
        var response = client.query(client.devToken("hub.admin"), "{ searchSubjects(purpose: VVASB_PANEL) { edges { cursor } } }");

        assertThat(response.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        List<Row> added = entries().subList(before, entries().size());
        assertThat(added).singleElement().satisfies(row -> {
            assertThat(row.actor()).isEqualTo("hub.admin");
            assertThat(row.operation()).isEqualTo("searchSubjects");
            assertThat(row.subjects()).isZero();
            assertThat(row.detail()).contains("refused");
        });
    }

    @Test
    void ifTheAuditWriteFailsNothingIsDisclosed() {
        JdbcClient owner = new DatabaseOwner(env).jdbc();
        owner.sql("""
                create function refuse_audit() returns trigger language plpgsql as $$
                begin raise exception 'audit store unavailable (test)'; end; $$""").update();
        owner.sql("create trigger refuse_audit before insert on audit_entry for each row execute function refuse_audit()").update();
        try {
            var response = client.query(client.devToken("lambeth.analyst"),
                    "{ searchSubjects(purpose: VVASB_PANEL, first: 3) { edges { node { familyName } } } }");

            assertThat(response.data().isNull()).isTrue();
            assertThat(response.errors().get(0).path("extensions").path("classification").asString())
                    .isEqualTo("INTERNAL_ERROR");
            assertThat(response.errors().get(0).path("message").asString()).contains("nothing was disclosed")
                    .doesNotContain("audit store unavailable");
        } finally {
            owner.sql("drop trigger refuse_audit on audit_entry").update();
            owner.sql("drop function refuse_audit()").update();
        }
    }
}
