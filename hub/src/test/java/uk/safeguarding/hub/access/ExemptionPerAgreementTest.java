package uk.safeguarding.hub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;
import uk.safeguarding.hub.access.policy.PolicyFolder;

/**
 * Two agreements for one purpose, as an insider would use them: an exemption claimed under one opens only
 * that agreement's clauses, and lasts only as long as that agreement allows, never past its last day.
 */
class ExemptionPerAgreementTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    /** A second VVASB agreement: the crisis team's meeting place, under safeguarding, for a day. */
    private static final String CRISIS_SUPPORT = """
            id: lambeth-crisis-support
            title: Lambeth crisis support (second agreement for the panel)
            version: "1.0"
            purposes: [VVASB_PANEL]
            parties:
              - {agency: lambeth-csp, controller: joint-controller, receives: true}
              - {agency: slam, controller: joint-controller}
            lawful-basis:
              ordinary: "UK GDPR Art. 6(1)(e) public task"
              special-category: "UK GDPR Art. 9(2)(g); DPA 2018 Sch. 1 para. 18"
            effective: 2026-01-01
            review-by: 2030-01-31
            expires: 2030-06-30
            retention: "6 years after the case is closed"
            exemptions: [safeguarding]
            exemption-duration: PT24H
            clauses:
              - id: "2.1"
                summary: Where the crisis team met the person, only with consent or under an exemption.
                provider: slam
                fields: [event.location]
                roles: [panel-analyst, panel-chair]
                consent: required
                exemptions: [safeguarding]
            signatories:
              - {name: Dr Samir Patel, role: Caldicott Guardian, agency: slam, signed: 2025-12-01}
            """;

    /** A third, due for review today, that says a vital-interests claim lasts a month. */
    private static String nightOutreach(LocalDate today) {
        return """
                id: lambeth-night-outreach
                title: Lambeth night outreach (due for review today)
                version: "1.0"
                purposes: [VVASB_PANEL]
                parties:
                  - {agency: lambeth-csp, controller: joint-controller, receives: true}
                  - {agency: slam, controller: joint-controller}
                lawful-basis:
                  ordinary: "UK GDPR Art. 6(1)(e) public task"
                  special-category: "UK GDPR Art. 9(2)(c) vital interests"
                effective: 2026-01-01
                review-by: %s
                expires: %s
                retention: "6 years after the case is closed"
                exemptions: [vital-interests]
                exemption-duration: P30D
                clauses:
                  - id: "1.1"
                    summary: The postcode the outreach team found the person at.
                    provider: slam
                    fields: [event.postcode]
                    roles: [panel-analyst, panel-chair]
                    consent: required
                    exemptions: [vital-interests]
                signatories:
                  - {name: Dr Samir Patel, role: Caldicott Guardian, agency: slam, signed: 2025-12-01}
                """.formatted(today, today.plusYears(1));
    }

    @AfterEach
    void shippedPoliciesAgain() {
        PolicyFolder.restore();
        assertThat(reload().path("loaded").asBoolean()).isTrue();
    }

    private JsonNode reload() {
        return client.query(client.devToken("hub.admin"), "mutation { reloadPolicies { loaded problems } }")
                .data().path("reloadPolicies");
    }

    private Response claim(String token, String id, String basis, String agreement) {
        return client.query(token, """
                mutation($id: ID!, $basis: ExemptionBasis!, $agreement: ID) { claimExemption(subjectId: $id,
                  purpose: VVASB_PANEL, basis: $basis, agreement: $agreement,
                  justification: "Neighbour reports threats of self-harm tonight; the panel needs the crisis plan") {
                  id agreement claimedAt expiresAt } }""",
                agreement == null ? Map.of("id", id, "basis", basis) : Map.of("id", id, "basis", basis, "agreement", agreement));
    }

    private JsonNode slamEvent(String token, String id) {
        JsonNode edges = client.query(token, """
                query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { timeline(first: 10, agencies: ["slam"]) {
                  edges { node { summary withheld { field reason agreement clause } } } } } }""", Map.of("id", id))
                .data().path("subject").path("timeline").path("edges");
        assertThat(edges.size()).isEqualTo(1);
        return edges.get(0).path("node");
    }

    private static Duration lasts(JsonNode exemption) {
        return Duration.between(Instant.parse(exemption.path("claimedAt").asString()),
                Instant.parse(exemption.path("expiresAt").asString()));
    }

    @Test
    void aClaimUnderOneAgreementOpensNeitherTheOthersClausesNorOutlivesItsOwn() throws IOException {
        Files.writeString(PolicyFolder.path().resolve("agreements/lambeth-crisis-support.yaml"), CRISIS_SUPPORT);
        LocalDate today = LocalDate.now(clock);
        Files.writeString(PolicyFolder.path().resolve("agreements/lambeth-night-outreach.yaml"), nightOutreach(today));
        assertThat(reload().toString()).contains("\"loaded\":true");

        Resident r = TestRecords.resident(24);
        TestRecords.mentalHealthEncounter(gateway, jdbc, r);
        String analyst = client.devToken("lambeth.analyst");
        String id = client.query(analyst, """
                query($name: String, $dob: Date) { searchSubjects(purpose: VVASB_PANEL, name: $name, dateOfBirth: $dob) {
                  edges { node { id } } } }""", Map.of("name", r.givenName() + " " + r.familyName(),
                "dob", r.dateOfBirth().toString())).data().path("searchSubjects").path("edges").get(0).path("node")
                .path("id").asString();

        // two agreements let the analyst claim safeguarding: the claim must say under which
        Response ambiguous = claim(analyst, id, "SAFEGUARDING", null);
        assertThat(ambiguous.errors().get(0).path("message").asString())
                .contains("agreement:", "lambeth-crisis-support", "lambeth-vvasb-panel");

        JsonNode crisis = claim(analyst, id, "SAFEGUARDING", "lambeth-crisis-support").data().path("claimExemption");
        assertThat(crisis.path("agreement").asString()).isEqualTo("lambeth-crisis-support@1.0");
        // its own agreement's 24 hours, not the 72 of the other agreement for the purpose
        assertThat(lasts(crisis)).isBetween(Duration.ofHours(24).minusMinutes(1), Duration.ofHours(24).plusMinutes(1));

        JsonNode opened = slamEvent(analyst, id);
        assertThat(opened.path("withheld").findValuesAsString("field")).doesNotContain("location");
        // clause 5.11 of the other agreement accepts safeguarding too, but this claim was not made under it
        assertThat(opened.path("summary").isNull()).isTrue();
        assertThat(opened.path("withheld")).anySatisfy(w -> {
            assertThat(w.path("field").asString()).isEqualTo("summary");
            assertThat(w.path("reason").asString()).isEqualTo("CONSENT_NOT_ASKED");
            assertThat(w.path("agreement").asString()).isEqualTo("lambeth-vvasb-panel");
        });

        JsonNode panel = claim(analyst, id, "SAFEGUARDING", "lambeth-vvasb-panel").data().path("claimExemption");
        assertThat(panel.path("agreement").asString()).isEqualTo("lambeth-vvasb-panel@3.4");
        assertThat(lasts(panel)).isBetween(Duration.ofHours(72).minusMinutes(1), Duration.ofHours(72).plusMinutes(1));
        assertThat(slamEvent(analyst, id).path("summary").asString()).contains("s136");

        // a month asked for, but the agreement shares nothing after today: the claim ends at midnight
        JsonNode outreach = claim(analyst, id, "VITAL_INTERESTS", "lambeth-night-outreach").data().path("claimExemption");
        assertThat(Instant.parse(outreach.path("expiresAt").asString()))
                .isEqualTo(today.plusDays(1).atStartOfDay(ZoneId.of("Europe/London")).toInstant());

        assertThat(jdbc.sql("""
                select detail->>'agreement' from audit_entry where operation = 'claimExemption' and ? = any(subjects)
                order by sequence""").param(UUID.fromString(id)).query(String.class).list())
                .satisfiesExactly(
                        c -> assertThat(c).matches("lambeth-crisis-support@1\\.0#[0-9a-f]{16}"),
                        c -> assertThat(c).matches("lambeth-vvasb-panel@3\\.4#[0-9a-f]{16}"),
                        c -> assertThat(c).matches("lambeth-night-outreach@1\\.0#[0-9a-f]{16}"));
    }

    @Test
    void aClaimMadeBeforeClaimsNamedAnAgreementOpensNothing() {
        Resident r = TestRecords.resident(27);
        TestRecords.mentalHealthEncounter(gateway, jdbc, r);
        String analyst = client.devToken("lambeth.analyst");
        String id = client.query(analyst, """
                query($name: String, $dob: Date) { searchSubjects(purpose: VVASB_PANEL, name: $name, dateOfBirth: $dob) {
                  edges { node { id } } } }""", Map.of("name", r.givenName() + " " + r.familyName(),
                "dob", r.dateOfBirth().toString())).data().path("searchSubjects").path("edges").get(0).path("node")
                .path("id").asString();
        // a row as V2 wrote it, still in date and awaiting review, under no agreement
        jdbc.sql("""
                insert into exemption (id, subject_id, purpose, basis, justification, claimed_by, claimed_by_agency, expires_at)
                values (gen_random_uuid(), ?::uuid, 'VVASB_PANEL', 'SAFEGUARDING', 'Claimed before issue 14 was fixed',
                        'lambeth.analyst', 'lambeth-csp', now() + interval '72 hours')""").param(id).update();

        JsonNode event = slamEvent(analyst, id);
        assertThat(event.path("summary").isNull()).isTrue();
        assertThat(event.path("withheld").findValuesAsString("reason")).contains("CONSENT_NOT_ASKED");
    }

    @Test
    void aClaimNamingAnAgreementThatDoesNotAllowItIsRefused() {
        Resident r = TestRecords.resident(25);
        String analyst = client.devToken("lambeth.analyst");
        String id = client.query(analyst, """
                query($name: String, $dob: Date) { searchSubjects(purpose: VVASB_PANEL, name: $name, dateOfBirth: $dob) {
                  edges { node { id } } } }""", Map.of("name", r.givenName() + " " + r.familyName(),
                "dob", r.dateOfBirth().toString())).data().path("searchSubjects").path("edges").get(0).path("node")
                .path("id").asString();

        Response marac = claim(analyst, id, "SAFEGUARDING", "lambeth-marac");
        assertThat(marac.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(jdbc.sql("select count(*) from exemption where subject_id = ?::uuid").param(id).query(Integer.class)
                .single()).isZero();
    }
}
