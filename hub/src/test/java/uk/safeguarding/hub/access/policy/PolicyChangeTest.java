package uk.safeguarding.hub.access.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.audit.AuditLog;

/**
 * Policy changes as an insider with write access to the policies folder would try them: a changed agreement
 * that keeps its version, a second agreement that quietly shares what another asks consent for, a field
 * added to the catalogue to ride on {@code event.*}. Each is refused or held back, the previous policies stay
 * in force, and every load (start-up, changed file, administrator's reload), loaded or refused, is audited
 * with each document's hash.
 */
class PolicyChangeTest extends LocalHubTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Caller ANALYST = new Caller("lambeth.analyst", "lambeth-csp", Set.of("panel-analyst"), Set.of("E09000022"));
    private static final String MARAC = "agreements/lambeth-marac.yaml";
    private static final String VVASB = "agreements/lambeth-vvasb-panel.yaml";

    @Autowired
    PolicyStore store;

    @Autowired
    AuditLog audit;

    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void shippedPoliciesAgain() {
        PolicyFolder.restore();
        assertThat(reload().path("loaded").asBoolean()).isTrue();
    }

    private JsonNode reload() {
        return client.query(client.devToken("hub.admin"), "mutation { reloadPolicies { loaded problems notices } }")
                .data().path("reloadPolicies");
    }

    private static Path file(String name) {
        return PolicyFolder.path().resolve(name);
    }

    private static void edit(String name, String from, String to) throws IOException {
        String text = Files.readString(file(name));
        assertThat(text).contains(from);
        Files.writeString(file(name), text.replace(from, to));
    }

    private static int lineOf(String name, String text) throws IOException {
        List<String> lines = Files.readAllLines(file(name));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + name);
    }

    private static String sha256(Path path) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
    }

    /** The loads audited since {@code after}, newest first (an administrator's reload is its request's one entry). */
    private List<JsonNode> loadsAfter(long after) {
        return jdbc.sql("""
                select json_build_object('actor', actor, 'load', coalesce(detail->'parts'->0, detail))::text
                from audit_entry where operation = 'loadPolicies' and sequence > ? order by sequence desc""")
                .param(after).query(String.class).list().stream().map(JSON::readTree).toList();
    }

    private long lastSequence() {
        return jdbc.sql("select coalesce(max(sequence), 0) from audit_entry").query(Long.class).single();
    }

    private PolicySet.Circumstances noConsent() {
        return new PolicySet.Circumstances(LocalDate.now(clock), Map.of(), java.util.Set.of(), Map.of());
    }

    @Test
    void aChangedAgreementThatKeepsItsVersionIsRefusedAtItsVersionLineEvenAfterARestart() throws Exception {
        String shippedHash = sha256(file(MARAC));
        long before = lastSequence();
        // the text changes (records kept indefinitely), the version does not
        edit(MARAC, "retention: \"MARAC minutes and shared records: 6 years after the last referral\"",
                "retention: \"MARAC minutes and shared records: kept indefinitely\"");
        String changedHash = sha256(file(MARAC));

        JsonNode refused = reload();

        assertThat(refused.path("loaded").asBoolean()).isFalse();
        assertThat(refused.path("problems")).singleElement().satisfies(p -> assertThat(p.asString())
                .startsWith(MARAC + ":" + lineOf(MARAC, "version: \"2.3\"") + ": version: the text of lambeth-marac@2.3 is not "
                        + "the text first loaded under that version")
                .contains(shippedHash, changedHash));
        // fail closed: the text first loaded under 2.3 stays in force
        assertThat(store.current().agreements()).filteredOn(a -> a.id().equals("lambeth-marac"))
                .singleElement().satisfies(a -> assertThat(a.contentHash()).isEqualTo(shippedHash));
        JsonNode audited = loadsAfter(before).stream().filter(e -> e.path("load").path("trigger").asString()
                .equals("reloadPolicies")).findFirst().orElseThrow();
        assertThat(audited.path("actor").asString()).isEqualTo("hub.admin");
        assertThat(audited.path("load").path("loaded").asBoolean()).isFalse();
        assertThat(audited.path("load").path("documents").path(MARAC).asString()).isEqualTo(changedHash);
        assertThat(audited.path("load").path("problems").get(0).asString()).contains("lambeth-marac@2.3");
        assertThat(audited.path("load").path("inForce").toString()).contains("lambeth-marac@2.3#" + shippedHash.substring(0, 16));

        // a restarted hub remembers the version's hash: it will not start on the changed text
        var validator = Validation.buildDefaultValidatorFactory().getValidator();
        assertThatThrownBy(() -> new PolicyStore(new PathMatchingResourcePatternResolver(), validator,
                PolicyFolder.location(), jdbc, audit, transactions))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("will not run without its policies")
                .hasMessageContaining(MARAC + ":" + lineOf(MARAC, "version: \"2.3\"") + ": version:");
        assertThat(loadsAfter(before)).anySatisfy(e -> {
            assertThat(e.path("actor").asString()).isEqualTo("hub");
            assertThat(e.path("load").path("trigger").asString()).isEqualTo("start-up");
            assertThat(e.path("load").path("loaded").asBoolean()).isFalse();
        });

        // re-versioned, the change loads
        edit(MARAC, "version: \"2.3\"", "version: \"2.3.1-test\"");
        assertThat(reload().path("loaded").asBoolean()).isTrue();
        assertThat(store.current().agreements()).filteredOn(a -> a.id().equals("lambeth-marac"))
                .singleElement().satisfies(a -> assertThat(a.versionId()).isEqualTo("lambeth-marac@2.3.1-test"));
    }

    @Test
    void aSecondAgreementThatSharesWithoutConsentWhatAnotherAsksConsentForIsRefused() throws Exception {
        PolicySet inForce = store.current();
        Files.writeString(file("agreements/lambeth-quiet-sharing.yaml"), """
                id: lambeth-quiet-sharing
                title: A second panel agreement
                version: "1.0"
                purposes: [VVASB_PANEL]
                parties:
                  - {agency: lambeth-csp, controller: joint-controller, receives: true}
                  - {agency: slam, controller: joint-controller}
                lawful-basis:
                  ordinary: "UK GDPR Art. 6(1)(e) public task"
                  special-category: "UK GDPR Art. 9(2)(g)"
                effective: 2026-01-01
                review-by: 2030-01-31
                expires: 2030-06-30
                retention: "6 years"
                clauses:
                  - id: "1"
                    summary: The trust's clinical summaries, for the analysts.
                    provider: slam
                    fields: [event.summary]
                    roles: [panel-analyst]
                    consent: not-required
                signatories:
                  - {name: Someone, role: Analyst, agency: lambeth-csp, signed: 2025-12-01}
                """);

        JsonNode refused = reload();

        assertThat(refused.path("loaded").asBoolean()).isFalse();
        assertThat(refused.path("problems")).singleElement().satisfies(p -> assertThat(p.asString()).contains(
                "agreements/lambeth-quiet-sharing.yaml:" + lineOf("agreements/lambeth-quiet-sharing.yaml", "- id: \"1\""),
                VVASB + ":" + lineOf(VVASB, "id: \"5.11\""), "conflicts with clause"));
        assertThat(store.current()).isSameAs(inForce);
        PolicySet.Decision summary = store.current().decide(ANALYST, Purpose.VVASB_PANEL, "event.summary", "slam",
                "SPECIAL_CATEGORY", noConsent());
        assertThat(summary.released()).isFalse();
        assertThat(summary.withheld().reason().name()).isEqualTo("CONSENT_NOT_ASKED");
    }

    @Test
    void aFieldCataloguedLaterIsNotReleasedUnderAWildcardUntilTheAgreementIsReversioned() throws Exception {
        long before = lastSequence();
        edit("catalogue/fields.yaml", "  - {name: event.summary, sensitivity: of-record}",
                "  - {name: event.summary, sensitivity: of-record}\n  - {name: event.riskScore, sensitivity: ordinary}");

        JsonNode loaded = reload();

        assertThat(loaded.path("loaded").asBoolean()).isTrue();
        assertThat(loaded.path("notices")).singleElement().satisfies(n -> assertThat(n.asString())
                .startsWith("event.riskScore: catalogued after ")
                .contains("lambeth-vvasb-panel@3.4", "lambeth-marac@2.3", "triborough-youth-justice@"));
        PolicySet.Decision risk = store.current().decide(ANALYST, Purpose.VVASB_PANEL, "event.riskScore", "met-police",
                "ORDINARY", noConsent());
        assertThat(risk.released()).as("event.* of clause 5.1 as signed did not name it").isFalse();
        assertThat(risk.withheld().explanation()).contains("catalogued after lambeth-vvasb-panel@3.4", "re-versioned");
        assertThat(store.current().decide(ANALYST, Purpose.VVASB_PANEL, "event.summary", "met-police", "ORDINARY",
                noConsent()).released()).isTrue();
        assertThat(loadsAfter(before).get(0).path("load").path("awaitingReversion").path("event.riskScore").toString())
                .contains("lambeth-vvasb-panel@3.4");

        // the signatories agree a new version: now it covers the field
        edit(VVASB, "version: \"3.4\"", "version: \"3.4-test\"");
        JsonNode reversioned = reload();
        assertThat(reversioned.path("loaded").asBoolean()).isTrue();
        assertThat(reversioned.path("notices").toString()).doesNotContain("lambeth-vvasb-panel");
        PolicySet.Decision released = store.current().decide(ANALYST, Purpose.VVASB_PANEL, "event.riskScore",
                "met-police", "ORDINARY", noConsent());
        assertThat(released.released()).isTrue();
        assertThat(released.clause()).isEqualTo("5.1");
        assertThat(released.citation()).isEqualTo("lambeth-vvasb-panel@3.4-test#" + sha256(file(VVASB)).substring(0, 16));
    }

    @Test
    void everyLoadIsAuditedWithEachDocumentsHashAndDisclosuresCiteTheHash() throws Exception {
        String agencies = "catalogue/agencies.yaml";
        // start-up: the hub's own load, every document's hash
        JsonNode startUp = JSON.readTree(jdbc.sql("""
                select detail::text from audit_entry where operation = 'loadPolicies' and actor = 'hub'
                  and detail->>'trigger' = 'start-up' and detail->>'loaded' = 'true' order by sequence limit 1""")
                .query(String.class).single());
        assertThat(startUp.path("documents").path(MARAC).asString()).isEqualTo(sha256(PolicyFolder.SHIPPED.resolve(MARAC)));
        assertThat(startUp.path("documents").path(agencies).asString()).isEqualTo(sha256(PolicyFolder.SHIPPED.resolve(agencies)));
        assertThat(startUp.path("agreementVersions").toString()).contains("lambeth-vvasb-panel@3.4#");

        // a changed file is noticed and loaded by the hub itself, and audited
        long before = lastSequence();
        Files.writeString(file(agencies), Files.readString(file(agencies)) + "# reviewed by the IG group\n");
        String changed = sha256(file(agencies));
        await().atMost(Duration.ofSeconds(40)).until(() -> loadsAfter(before).stream().anyMatch(e ->
                e.path("load").path("trigger").asString().equals("file-change")
                        && e.path("load").path("documents").path(agencies).asString().equals(changed)));
        assertThat(loadsAfter(before)).filteredOn(e -> e.path("load").path("trigger").asString().equals("file-change"))
                .first().satisfies(e -> {
                    assertThat(e.path("actor").asString()).isEqualTo("hub");
                    assertThat(e.path("load").path("loaded").asBoolean()).isTrue();
                });

        // a disclosure cites the very text it relied on: id@version#hash
        Resident r = TestRecords.resident(26);
        String analyst = client.devToken("lambeth.analyst");
        client.query(analyst, """
                query($name: String, $dob: Date) { searchSubjects(purpose: MARAC, name: $name, dateOfBirth: $dob) {
                  edges { node { id familyName } } } }""", Map.of("name", r.givenName() + " " + r.familyName(),
                "dob", r.dateOfBirth().toString()));
        String cited = jdbc.sql("""
                select (detail->'agreements')::text from audit_entry where operation = 'searchSubjects' and actor = 'lambeth.analyst'
                  and purpose = 'MARAC' order by sequence desc limit 1""").query(String.class).single();
        assertThat(cited).contains("\"lambeth-marac@2.3#" + sha256(file(MARAC)).substring(0, 16) + "\"");
    }
}
