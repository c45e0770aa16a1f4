package uk.safeguarding.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;

/**
 * Probabilistic linking on ingest and analysts' review, through the gateway the connectors use and the
 * GraphQL API. The scores follow from the match weights shipped with the hub (the test population is
 * too small for the hub to re-train): a nickname with a transposed date of birth at the same postcode is
 * about 32 bits (linked); the same given name and date of birth under another family name, with no
 * address on one side, about 15.7 bits (between the thresholds 15 and 18: queued).
 */
class IdentityReviewTest extends LocalHubTest {

    private static final String REVIEWS = """
            query($after: String, $blind: Boolean) { linkReviews(purpose: VVASB_PANEL, first: 100, after: $after, blind: $blind) {
              edges { cursor node { id score matchProbability blind proposedAt
                record { id subjectId agency givenName familyName dateOfBirth sex postcode withheld { field reason explanation } }
                candidate { id subjectId agency givenName familyName dateOfBirth sex postcode withheld { field reason } }
                contributions { field level weight withheld } } }
              pageInfo { hasNextPage endCursor } } }""";

    @Autowired
    RecordGateway gateway;

    @Autowired
    MatchModels models;

    /** Keeps one record of a person from an agency, with one event about them; returns the person record's id. */
    private long send(String agency, String agencyPersonId, String given, String family, LocalDate born, String postcode) {
        PersonRecord person = new PersonRecord(agencyPersonId, given, family, born, Sex.FEMALE, null,
                List.of(agency + ":" + agencyPersonId),
                postcode == null ? List.of() : List.of(new Address("1 Test Row", postcode, null, null)), null, null);
        return KeptRecords.keep(gateway, jdbc, agency, person);
    }

    private UUID subjectOf(long record) {
        return KeptRecords.subjectOf(jdbc, record);
    }

    /** A pair between the thresholds: married name at another agency, no address there. */
    private long[] inBetweenPair(String given, String maiden, String married, LocalDate born) {
        long stored = send("met-police", "P-" + maiden, given, maiden, born, "SW9 8AB");
        long arriving = send("lambeth-housing", "T-" + married, given, married, born, null);
        return new long[] {arriving, stored};
    }

    private JsonNode reviewOf(String token, long record, boolean blind) {
        String after = null;
        while (true) {
            Map<String, Object> variables = new java.util.HashMap<>();
            variables.put("after", after);
            variables.put("blind", blind);
            Response page = client.query(token, REVIEWS, variables);
            assertThat(page.errors()).as(page.body().toString()).isNullOrEmpty();
            for (JsonNode edge : page.data().path("linkReviews").path("edges")) {
                if (edge.path("node").path("record").path("id").asString().equals(Long.toString(record))) {
                    return edge.path("node");
                }
            }
            if (!page.data().path("linkReviews").path("pageInfo").path("hasNextPage").asBoolean()) {
                return null;
            }
            after = page.data().path("linkReviews").path("pageInfo").path("endCursor").asString();
        }
    }

    private long reviewId(long record) {
        return jdbc.sql("select id from link_review where person_record_id = ?").param(record).query(Long.class).single();
    }

    private String errorClass(Response r) {
        return r.errors() == null || r.errors().isEmpty() ? "none: " + r.body()
                : r.errors().get(0).path("extensions").path("classification").asString();
    }

    @Test
    void aNoisyPairIsLinkedAutomaticallyWithItsScoreAndMethod() {
        LocalDate born = LocalDate.of(1968, 4, 11);
        long stored = send("met-police", "P-QUENBY", "Margaret", "Quenby", born, "SE11 4QA");
        // another agency, another id, a nickname and the day and month transposed: no deterministic rule applies
        long arriving = send("lambeth-housing", "T-QUENBY", "Peggy", "Quenby", LocalDate.of(1968, 11, 4), "SE11 4QA");

        assertThat(subjectOf(arriving)).isEqualTo(subjectOf(stored));
        Map<String, Object> link = jdbc.sql("""
                select method, score, decided_by from subject_link where person_record_id = ? and status = 'auto'""")
                .param(arriving).query().singleRow();
        assertThat(link).containsEntry("method", "probabilistic").containsEntry("decided_by", "hub:matcher");
        assertThat((Double) link.get("score")).isGreaterThanOrEqualTo(18.0);
        assertThat(jdbc.sql("select count(*) from link_review where person_record_id = ?").param(arriving)
                .query(Integer.class).single()).isZero();
        // the keys follow the link: the housing record's next version joins the same subject for certain
        long again = send("lambeth-housing", "T-QUENBY", "Peggy", "Quenby-Hart", LocalDate.of(1968, 11, 4), "SE11 4QB");
        assertThat(subjectOf(again)).isEqualTo(subjectOf(stored));
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /**
     * Two batches about one new person, as two hub instances sharing PostgreSQL would send them: the
     * first is held open before it commits; the second waits for the blocking keys the first holds, then
     * sees its record and links to it. Without the locks the second would not wait, and would make a
     * second subject.
     */
    @Test
    void aBatchWaitsForAnotherAboutTheSamePersonAndLinksToIt() throws Exception {
        var second = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<Long>>();
        long first = new org.springframework.transaction.support.TransactionTemplate(transactions).execute(status -> {
            long kept = send("met-police", "P-WRENFIELD", "Margaret", "Wrenfield", LocalDate.of(1958, 2, 7), "SE5 9RS");
            second.set(java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    send("lambeth-housing", "T-WRENFIELD", "Peggy", "Wrenfield", LocalDate.of(1958, 7, 2), "SE5 9RS")));
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> second.get().get(2, java.util.concurrent.TimeUnit.SECONDS)))
                    .as("the second batch waits while the first is open").isInstanceOf(java.util.concurrent.TimeoutException.class);
            return kept;
        });
        long arriving = second.get().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(subjectOf(arriving)).isEqualTo(subjectOf(first));
        assertThat(jdbc.sql("select method from subject_link where person_record_id = ? and status = 'auto'").param(arriving)
                .query(String.class).single()).isEqualTo("probabilistic");
    }

    @Test
    void aPairBetweenTheThresholdsIsQueuedWithAWaterfallAnAnalystCanRead() {
        long[] pair = inBetweenPair("Grace", "Adeyemi", "Thornbury", LocalDate.of(1979, 6, 23));
        assertThat(subjectOf(pair[0])).as("a subject of its own while in review").isNotEqualTo(subjectOf(pair[1]));

        JsonNode review = reviewOf(client.devToken("lambeth.analyst"), pair[0], false);
        assertThat(review).as("the pair is listed").isNotNull();
        double score = review.path("score").asDouble();
        assertThat(score).isBetween(15.0, 18.0);
        assertThat(review.path("matchProbability").asDouble()).isCloseTo(Math.pow(2, score) / (1 + Math.pow(2, score)), within(1e-9));
        assertThat(review.path("candidate").path("id").asString()).isEqualTo(Long.toString(pair[1]));
        assertThat(review.path("record").path("familyName").asString()).isEqualTo("Thornbury");
        assertThat(review.path("candidate").path("familyName").asString()).isEqualTo("Adeyemi");
        assertThat(review.path("candidate").path("postcode").asString()).isEqualTo("SW9 8AB");

        Map<String, JsonNode> byField = new java.util.LinkedHashMap<>();
        review.path("contributions").forEach(c -> byField.put(c.path("field").asString(), c));
        assertThat(byField.keySet()).containsExactly("prior", "GIVEN_NAME", "FAMILY_NAME", "DATE_OF_BIRTH", "SEX", "ADDRESS",
                "PHONE", "EMAIL");
        assertThat(byField.get("GIVEN_NAME").path("level").asString()).isEqualTo("exact");
        assertThat(byField.get("GIVEN_NAME").path("weight").asDouble()).isPositive();
        assertThat(byField.get("FAMILY_NAME").path("level").asString()).isEqualTo("different");
        assertThat(byField.get("FAMILY_NAME").path("weight").asDouble()).isNegative();
        assertThat(byField.get("DATE_OF_BIRTH").path("level").asString()).isEqualTo("exact");
        assertThat(byField.get("ADDRESS").path("level").asString()).isEqualTo("missing");
        // phone is shared by no agreement: its comparison is not shown either
        assertThat(byField.get("PHONE").path("level").isNull()).isTrue();
        assertThat(byField.get("PHONE").path("withheld").asString()).contains("No agreement shares this field");
        // the waterfall adds up to the score (what is hidden here was missing, so weighed nothing)
        double sum = 0;
        for (JsonNode c : review.path("contributions")) {
            sum += c.path("weight").asDouble(0);
        }
        assertThat(sum).isCloseTo(score, within(1e-6));
        // the listing is audited as a disclosure of both records
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where actor = 'lambeth.analyst' and operation = 'linkReviews'
                and detail::text like ?""").param("%\"personRecord\":" + pair[0] + "%").query(Integer.class).single()).isPositive();
    }

    @Test
    void aFieldWithheldFromTheAnalystHidesItsComparisonAndSaysWhy() {
        LocalDate born = LocalDate.of(1983, 2, 9);
        long stored = send("met-police", "P-OYELARAN", "Ruth", "Oyelaran", born, "SW2 1RT");
        // the mental health trust's record: under the VVASB agreement its sex and postcode are not shared
        long arriving = send("slam", "M-WINTERBOURNE", "Ruth", "Winterbourne", born, null);
        JsonNode review = reviewOf(client.devToken("lambeth.analyst"), arriving, false);
        assertThat(review).as("queued: %s", jdbc.sql("select method, score from subject_link where person_record_id = ?")
                .param(arriving).query().listOfRows()).isNotNull();
        assertThat(review.path("record").path("sex").isNull()).isTrue();
        assertThat(review.path("record").path("postcode").isNull()).isTrue();
        assertThat(review.path("record").path("withheld").findValuesAsString("field")).contains("sex", "postcode");
        for (JsonNode c : review.path("contributions")) {
            if (List.of("SEX", "ADDRESS").contains(c.path("field").asString())) {
                assertThat(c.path("level").isNull()).as(c.toString()).isTrue();
                assertThat(c.path("weight").isNull()).as(c.toString()).isTrue();
                assertThat(c.path("withheld").asString()).contains("withheld from you");
            }
        }
        assertThat(review.path("record").path("givenName").asString()).isEqualTo("Ruth");
        // the score is the sum of what is shown: the full score less the shown weights would be the hidden ones
        double shown = 0;
        for (JsonNode c : review.path("contributions")) {
            shown += c.path("weight").asDouble(0);
        }
        assertThat(review.path("score").asDouble()).isCloseTo(shown, within(1e-9));
        double full = jdbc.sql("select score from link_review where person_record_id = ?").param(arriving).query(Double.class).single();
        assertThat(review.path("score").asDouble()).as("hidden comparisons weigh something here").isNotCloseTo(full, within(1e-6));
    }

    @Test
    void blindModeHidesTheScoreAndItsContributions() {
        long[] pair = inBetweenPair("Hannah", "Mbeki", "Castellane", LocalDate.of(1990, 8, 30));
        String analyst = client.devToken("lambeth.analyst");
        JsonNode blind = reviewOf(analyst, pair[0], true);
        assertThat(blind.path("blind").asBoolean()).isTrue();
        assertThat(blind.path("score").isNull()).isTrue();
        assertThat(blind.path("matchProbability").isNull()).isTrue();
        assertThat(blind.path("contributions")).isEmpty();
        // the records are there to label
        assertThat(blind.path("record").path("familyName").asString()).isEqualTo("Castellane");
        assertThat(blind.path("candidate").path("familyName").asString()).isEqualTo("Mbeki");
        JsonNode open = reviewOf(analyst, pair[0], false);
        assertThat(open.path("score").isNumber()).isTrue();
        assertThat(open.path("contributions")).isNotEmpty();
    }

    @Test
    void confirmingMergesTheSubjectsKeepsTheOldLinksAndIsAudited() {
        long[] pair = inBetweenPair("Imogen", "Farrow", "Ashdown", LocalDate.of(1972, 1, 17));
        UUID arrivingSubject = subjectOf(pair[0]);
        UUID storedSubject = subjectOf(pair[1]);
        long id = reviewId(pair[0]);

        Response confirmed = client.query(client.devToken("lambeth.analyst"), """
                mutation($id: ID!) { confirmLink(id: $id, purpose: VVASB_PANEL, reason: "Same person: married in 2015, housing file confirms") {
                  id kind reviewId subjectId decidedBy moves { recordId fromSubject toSubject } } }""",
                Map.of("id", Long.toString(id)));
        assertThat(confirmed.errors()).as(confirmed.body().toString()).isNullOrEmpty();
        JsonNode decision = confirmed.data().path("confirmLink");
        assertThat(decision.path("kind").asString()).isEqualTo("confirm-link");
        assertThat(decision.path("decidedBy").asString()).isEqualTo("lambeth.analyst");
        assertThat(decision.path("moves")).hasSize(1);
        assertThat(decision.path("moves").get(0).path("fromSubject").asString()).isEqualTo(arrivingSubject.toString());
        assertThat(decision.path("moves").get(0).path("toSubject").asString()).isEqualTo(storedSubject.toString());

        assertThat(subjectOf(pair[0])).isEqualTo(storedSubject);
        // nothing destroyed: the replaced link is kept, superseded
        assertThat(jdbc.sql("select status from subject_link where person_record_id = ? order by id").param(pair[0])
                .query(String.class).list()).containsExactly("superseded", "confirmed");
        assertThat(jdbc.sql("select status, decided_by from link_review where id = ?").param(id).query().singleRow())
                .containsEntry("status", "confirmed").containsEntry("decided_by", "lambeth.analyst");
        // the arriving record's identifiers now lead to the merged subject
        long next = send("lambeth-housing", "T-Ashdown", "Imogen", "Ashdown-Farrow", LocalDate.of(1972, 1, 17), null);
        assertThat(subjectOf(next)).isEqualTo(storedSubject);
        // audited, naming both subjects and the move, not the reason's words
        Map<String, Object> entry = jdbc.sql("""
                select subjects::text[] as subjects, detail::text as detail from audit_entry
                where operation = 'confirmLink' and actor = 'lambeth.analyst' order by sequence desc limit 1""").query().singleRow();
        assertThat(entry.get("detail").toString()).contains("\"personRecord\":" + pair[0]).doesNotContain("married");
        assertThat(List.of((String[]) toArray(entry.get("subjects")))).contains(storedSubject.toString(), arrivingSubject.toString());
        // decided: no longer listed
        assertThat(reviewOf(client.devToken("lambeth.analyst"), pair[0], false)).isNull();
    }

    private static Object[] toArray(Object sqlArray) {
        try {
            return (Object[]) ((java.sql.Array) sqlArray).getArray();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void splittingUndoesAMergeBackToTheOriginalSubjectAndIsAudited() {
        long[] pair = inBetweenPair("Judith", "Penhallow", "Greaves", LocalDate.of(1961, 10, 2));
        UUID original = subjectOf(pair[0]);
        UUID merged = subjectOf(pair[1]);
        String analyst = client.devToken("lambeth.analyst");
        client.query(analyst, "mutation($id: ID!) { confirmLink(id: $id, purpose: VVASB_PANEL, reason: \"looked alike\") { id } }",
                Map.of("id", Long.toString(reviewId(pair[0]))));
        assertThat(subjectOf(pair[0])).isEqualTo(merged);

        // the merged subject's records, as the analyst sees them: what a split chooses from
        Response records = client.query(analyst, """
                query($s: ID!) { subjectRecords(subjectId: $s, purpose: VVASB_PANEL) { id agency familyName } }""",
                Map.of("s", merged.toString()));
        assertThat(records.data().path("subjectRecords").findValuesAsString("id"))
                .contains(Long.toString(pair[0]), Long.toString(pair[1]));

        Response split = client.query(analyst, """
                mutation($s: ID!, $r: [ID!]!) { splitSubject(subjectId: $s, recordIds: $r, purpose: VVASB_PANEL,
                    reason: "Different people: checked with the housing officer") { id kind moves { recordId fromSubject toSubject } } }""",
                Map.of("s", merged.toString(), "r", List.of(Long.toString(pair[0]))));
        assertThat(split.errors()).as(split.body().toString()).isNullOrEmpty();
        assertThat(split.data().path("splitSubject").path("kind").asString()).isEqualTo("split-subject");
        // restored: the record is back in the subject it had before the merge, not in a new one
        assertThat(subjectOf(pair[0])).isEqualTo(original);
        assertThat(subjectOf(pair[1])).isEqualTo(merged);
        assertThat(jdbc.sql("select status from subject_link where person_record_id = ? order by id").param(pair[0])
                .query(String.class).list()).containsExactly("superseded", "superseded", "confirmed");
        // its identifiers follow it back
        long next = send("lambeth-housing", "T-Greaves", "Judith", "Greaves-Smith", LocalDate.of(1961, 10, 2), null);
        assertThat(subjectOf(next)).isEqualTo(original);

        // the history tells the whole story, enough to undo either step
        Response history = client.query(analyst, """
                query($s: ID!) { identityHistory(subjectId: $s, purpose: VVASB_PANEL) { kind decidedBy reason
                    moves { recordId fromSubject toSubject } } }""", Map.of("s", original.toString()));
        JsonNode steps = history.data().path("identityHistory");
        assertThat(steps.findValuesAsString("kind")).containsExactly("confirm-link", "split-subject");
        assertThat(steps.get(1).path("moves").get(0).path("fromSubject").asString()).isEqualTo(merged.toString());
        assertThat(steps.get(1).path("moves").get(0).path("toSubject").asString()).isEqualTo(original.toString());
        assertThat(steps.get(1).path("reason").asString()).startsWith("Different people");
        assertThat(jdbc.sql("select count(*) from audit_entry where operation = 'splitSubject' and actor = 'lambeth.analyst' "
                + "and subjects @> array[?::uuid, ?::uuid]").params(merged, original).query(Integer.class).single()).isEqualTo(1);
        // the history is append-only
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.sql("delete from link_move").update()))
                .hasMessageContaining("append-only");
    }

    @Autowired
    LinkReviews links;

    /**
     * A Lambeth analyst reading the identity history of a person whom an analyst of another partnership
     * split, on records of an agency outside Lambeth's agreement: they see the move of the record they may
     * see, not the other's move, not the reason (it speaks of the unseen records), and not at all a decision
     * that moved only unseen records.
     */
    @Test
    void theHistoryShowsOnlyMovesOfRecordsTheCallerMaySeeAndReasonsOnlyWhenAllAreVisible() {
        LocalDate born = LocalDate.of(2009, 6, 14);
        long police = send("met-police", "P-ABERNETHY", "Isla", "Abernethy", born, "SE11 5JD");
        long housing = send("lambeth-housing", "T-ABERNETHY", "Isla", "Abernethy", born, "SE11 5JD");
        // a Kensington and Chelsea children's services record: not shared under the VVASB agreement
        long rbkc = send("rbkc-csc", "C-ABERNETHY", "Isla", "Abernethy", born, "SE11 5JD");
        UUID person = subjectOf(police);
        assertThat(subjectOf(housing)).isEqualTo(person);
        assertThat(subjectOf(rbkc)).isEqualTo(person);

        links.split(person, List.of(housing, rbkc), "triborough.analyst", "Cousin placed by RBKC: see the care plan");
        UUID apart = subjectOf(housing);
        assertThat(subjectOf(rbkc)).isEqualTo(apart);
        links.split(apart, List.of(rbkc), "triborough.analyst", "Placement ended, different child after all");

        String analyst = client.devToken("lambeth.analyst");
        String query = """
                query($s: ID!) { identityHistory(subjectId: $s, purpose: VVASB_PANEL) { kind decidedBy reason reasonWithheld
                    moves { recordId fromSubject toSubject } } }""";
        for (UUID subject : List.of(person, apart)) {
            Response history = client.query(analyst, query, Map.of("s", subject.toString()));
            assertThat(history.errors()).as(history.body().toString()).isNullOrEmpty();
            JsonNode steps = history.data().path("identityHistory");
            assertThat(steps).as(steps.toString()).hasSize(1);
            JsonNode split = steps.get(0);
            assertThat(split.path("moves").findValuesAsString("recordId")).containsExactly(Long.toString(housing));
            assertThat(split.path("reason").isNull()).isTrue();
            assertThat(split.path("reasonWithheld").asString()).contains("records you may not see");
            assertThat(split.toString()).doesNotContain(Long.toString(rbkc), "RBKC", "Placement");
        }
        // both decisions are kept whole: it is the caller's view that leaves them out
        assertThat(links.history(apart)).extracting(LinkReviews.Decision::reason)
                .containsExactly("Cousin placed by RBKC: see the care plan", "Placement ended, different child after all");
    }

    @Test
    void aRejectedPairIsKeptApartAndNeverProposedAgain() {
        long[] pair = inBetweenPair("Keziah", "Ostrowski", "Lindqvist", LocalDate.of(1995, 12, 5));
        UUID apart = subjectOf(pair[0]);
        long id = reviewId(pair[0]);
        String analyst = client.devToken("lambeth.analyst");
        Response rejected = client.query(analyst, """
                mutation($id: ID!) { rejectLink(id: $id, purpose: VVASB_PANEL, reason: "Different people") { kind moves { recordId } } }""",
                Map.of("id", Long.toString(id)));
        assertThat(rejected.data().path("rejectLink").path("kind").asString()).isEqualTo("reject-link");
        assertThat(rejected.data().path("rejectLink").path("moves")).isEmpty();
        assertThat(subjectOf(pair[0])).isEqualTo(apart).isNotEqualTo(subjectOf(pair[1]));
        assertThat(reviewOf(analyst, pair[0], false)).isNull();

        // the matcher proposing the pair again (as after re-training) leaves it rejected, and it is not listed
        LinkProposals.propose(jdbc, null, List.of(new LinkProposals.Review(pair[1], pair[0], 16.5, List.of(),
                LinkReviews.Cause.SCORE)));
        assertThat(jdbc.sql("select status from link_review where least(person_record_id, candidate_record_id) = ? "
                + "and greatest(person_record_id, candidate_record_id) = ?").params(Math.min(pair[0], pair[1]),
                Math.max(pair[0], pair[1])).query(String.class).list()).containsExactly("rejected");
        assertThat(reviewOf(analyst, pair[0], false)).isNull();
        // and a decided review cannot be decided again
        Response again = client.query(analyst, "mutation($id: ID!) { confirmLink(id: $id, purpose: VVASB_PANEL, reason: \"x\") { id } }",
                Map.of("id", Long.toString(id)));
        assertThat(errorClass(again)).isEqualTo("BAD_REQUEST");
        assertThat(subjectOf(pair[0])).isEqualTo(apart);
    }

    @Test
    void rolesWithoutTheRightAreRefusedAndTheRefusalIsAudited() {
        long[] pair = inBetweenPair("Lorna", "Quigley", "Rushworth", LocalDate.of(1987, 7, 14));
        long id = reviewId(pair[0]);
        for (String user : List.of("met.contributor", "hub.auditor", "hub.admin", "triborough.casemanager")) {
            String token = client.devToken(user);
            assertThat(errorClass(client.query(token, "{ linkReviews(purpose: VVASB_PANEL) { edges { node { id } } } }")))
                    .as(user).isEqualTo("FORBIDDEN");
            assertThat(errorClass(client.query(token, "mutation($id: ID!) { confirmLink(id: $id, purpose: VVASB_PANEL, "
                    + "reason: \"x\") { id } }", Map.of("id", Long.toString(id))))).as(user).isEqualTo("FORBIDDEN");
        }
        assertThat(errorClass(client.query(client.devToken("lambeth.analyst"), "mutation { trainMatchModel { id } }")))
                .isEqualTo("FORBIDDEN");
        assertThat(jdbc.sql("select status from link_review where id = ?").param(id).query(String.class).single())
                .isEqualTo("pending");
        assertThat(jdbc.sql("select count(*) from audit_entry where actor = 'met.contributor' and operation = 'confirmLink' "
                + "and detail::text like '%refused%'").query(Integer.class).single()).isPositive();
    }

    @Test
    void theFieldsOfAPersonRecordAreDecidedLikeASubjectsAndCatalogued() {
        // every field the API can return of a record: a catalogued subject field, one of the record's own, or an identifier
        var type = graphQl.schema().getObjectType("PersonRecord");
        List<String> fields = new ArrayList<>(type.getFieldDefinitions().stream().map(f -> f.getName()).toList());
        fields.removeAll(List.of("id", "subjectId", "agency", "withheld"));
        var catalogue = policies.current().personalFields();
        assertThat(fields).allSatisfy(f -> assertThat(catalogue).containsAnyOf("subject." + f, "personRecord." + f));
    }

    private static final String RECORDS = """
            query($s: ID!, $purpose: Purpose!) { subjectRecords(subjectId: $s, purpose: $purpose) {
              id agency familyName sourceReference withheld { field reason explanation agreement clause } } }""";

    private JsonNode recordOf(String token, String purpose, long record) {
        Response r = client.query(token, RECORDS, Map.of("s", subjectOf(record).toString(), "purpose", purpose));
        assertThat(r.errors()).as(r.body().toString()).isNullOrEmpty();
        for (JsonNode node : r.data().path("subjectRecords")) {
            if (node.path("id").asString().equals(Long.toString(record))) {
                return node;
            }
        }
        throw new AssertionError("record " + record + " not shown: " + r.body());
    }

    @Test
    void theAgencysOwnReferenceIsShownOnlyWhereAnAgreementNamesItAndWithheldWithTheReasonElsewhere() {
        LocalDate born = LocalDate.of(1977, 5, 14);
        long police = send("met-police", "P-QUARRENDON", "Miriam", "Quarrendon", born, "SW9 7QT");
        long trust = send("slam", "M-LINDQVIST", "Tobias", "Lindqvist", LocalDate.of(1969, 1, 30), null);
        String analyst = client.devToken("lambeth.analyst");

        // kept from the partner's own references: the incident's and the person's within it (their police person id)
        String kept = jdbc.sql("select source_reference from person_record where id = ?").param(police).query(String.class).single();
        assertThat(kept).startsWith("IDT-P-QUARRENDON-").endsWith(" / P-QUARRENDON");

        // VVASB 3.3, clause 5.1: the police share their record's reference with the panel's analysts
        JsonNode released = recordOf(analyst, "VVASB_PANEL", police);
        assertThat(released.path("sourceReference").asString()).isEqualTo(kept);
        assertThat(released.path("withheld").findValuesAsString("field")).doesNotContain("sourceReference");

        // the mental health trust has not agreed to it (clause 5.10 names no reference): withheld, and why
        JsonNode fromTrust = recordOf(analyst, "VVASB_PANEL", trust);
        assertThat(fromTrust.path("familyName").asString()).isEqualTo("Lindqvist");
        assertThat(fromTrust.path("sourceReference").isNull()).isTrue();
        JsonNode why = withheld(fromTrust, "sourceReference");
        assertThat(why.path("reason").asString()).isEqualTo("NO_AGREEMENT");
        assertThat(why.path("explanation").asString()).contains("slam", "VVASB_PANEL");

        // the MARAC agreement shares the police's records but not their references
        JsonNode underMarac = recordOf(analyst, "MARAC", police);
        assertThat(underMarac.path("familyName").asString()).isEqualTo("Quarrendon");
        assertThat(underMarac.path("sourceReference").isNull()).isTrue();
        assertThat(withheld(underMarac, "sourceReference").path("reason").asString()).isEqualTo("NO_AGREEMENT");

        // the audit entries say whose reference left the hub under which purpose
        String releasedUnder = """
                select count(*) from audit_entry e, json_array_elements(e.detail->'records') r
                where e.operation = 'subjectRecords' and e.purpose = ? and r->>'personRecord' = ?
                  and (r->'released')::text like '%"sourceReference"%'""";
        assertThat(jdbc.sql(releasedUnder).params("VVASB_PANEL", Long.toString(police)).query(Integer.class).single()).isOne();
        assertThat(jdbc.sql(releasedUnder).params("MARAC", Long.toString(police)).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql(releasedUnder).params("VVASB_PANEL", Long.toString(trust)).query(Integer.class).single()).isZero();
    }

    private static JsonNode withheld(JsonNode record, String field) {
        for (JsonNode w : record.path("withheld")) {
            if (w.path("field").asString().equals(field)) {
                return w;
            }
        }
        throw new AssertionError(field + " not withheld: " + record);
    }

    @Autowired
    org.springframework.graphql.execution.GraphQlSource graphQl;

    @Autowired
    uk.safeguarding.hub.access.policy.PolicyStore policies;

    @Test
    void aHubAdministratorRetrainsTheWeightsAndEveryInstanceTakesThemUp() {
        try {
            Response trained = client.query(client.devToken("hub.admin"), "mutation { trainMatchModel { id trainedBy records lower upper } }");
            assertThat(trained.errors()).as(trained.body().toString()).isNullOrEmpty();
            JsonNode model = trained.data().path("trainMatchModel");
            assertThat(model.path("trainedBy").asString()).isEqualTo("hub.admin");
            // every record held then (the feeds keep adding more): fewer than the training sample
            assertThat(model.path("records").asLong()).isEqualTo(jdbc.sql("select records_held from match_model where id = ?")
                    .param(model.path("id").asLong()).query(Long.class).single()).isPositive()
                    .isLessThanOrEqualTo(jdbc.sql("select count(*) from person_record").query(Long.class).single());
            assertThat(model.path("lower").asDouble()).isEqualTo(15.0);
            // persisted for the other instances, and in force here
            assertThat(jdbc.sql("select parameters -> 'm' is not null from match_model where id = ?")
                    .param(model.path("id").asLong()).query(Boolean.class).single()).isTrue();
            assertThat(models.current().id()).isEqualTo(model.path("id").asLong());
            assertThat(jdbc.sql("select count(*) from audit_entry where actor = 'hub.admin' and operation = 'trainMatchModel'")
                    .query(Integer.class).single()).isPositive();
        } finally {
            // the other tests' scores follow the shipped weights
            jdbc.sql("update link_review set model_id = null where model_id is not null").update();
            jdbc.sql("delete from match_model").update();
            models.forget();
        }
    }
}
