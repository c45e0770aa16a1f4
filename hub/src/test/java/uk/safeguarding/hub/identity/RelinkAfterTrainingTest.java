package uk.safeguarding.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.PersonRecord.Sex;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.identity.matching.MatchModel;

/**
 * Re-linking after training (issue 17): with new weights in force, the matcher's open pairs are re-scored
 * (linked above the link threshold, withdrawn below the review threshold) and its automatic links are looked
 * at again (a record no longer reaching the link threshold leaves for a subject of its own, its pair queued),
 * each a decision of the matcher, audited. A hub of its own, because it puts weights of its own in force:
 * the weights in force with every score moved by a known number of bits, saved as a training saves them,
 * so that what must happen to each pair is known.
 */
@TestPropertySource(properties = "hub.identity.matching.retrain-check=1000h")
@DirtiesContext
class RelinkAfterTrainingTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    @Autowired
    MatchModels models;

    @Autowired
    LinkReviews reviews;

    @Autowired
    ApplicationEventPublisher events;

    private static final AtomicInteger sequence = new AtomicInteger();

    /** On here (the shared hub turns it off): a dynamic property, which wins over the shared hub's settings. */
    @DynamicPropertySource
    static void relinkAfterTraining(DynamicPropertyRegistry registry) {
        registry.add("hub.identity.matching.relink-after-training", () -> "true");
    }

    private long send(String agency, String given, String family, LocalDate born, String postcode) {
        String local = "RLK-" + sequence.incrementAndGet();
        PersonRecord person = new PersonRecord(local, given, family, born, Sex.FEMALE, null, List.of(agency + ":" + local),
                postcode == null ? List.of() : List.of(new Address("3 Test Row", postcode, null, null)), null, null);
        return KeptRecords.keep(gateway, jdbc, agency, person);
    }

    /** A married name with no address against her maiden name with one: a pair between the thresholds. */
    private long[] inBetweenPair(String given, String maiden, String married, LocalDate born) {
        long stored = send("met-police", given, maiden, born, "SW9 8AB");
        long arriving = send("lambeth-housing", given, married, born, null);
        return new long[] {arriving, stored};
    }

    private UUID subjectOf(long record) {
        return KeptRecords.subjectOf(jdbc, record);
    }

    private double pendingScore(long record) {
        return jdbc.sql("select score from link_review where person_record_id = ? and status = 'pending' and cause = 'score'")
                .param(record).query(Double.class).single();
    }

    private String reviewStatus(long record) {
        return jdbc.sql("select status from link_review where person_record_id = ?").param(record).query(String.class).single();
    }

    /** The shipped weights in force again, as the base every shift is measured from. */
    private MatchModel.Parameters shipped() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/identity/match-model.json")) {
            MatchModel.Parameters p = MatchModels.JSON.readValue(in, MatchModel.Parameters.class);
            MatchModel.Parameters base = new MatchModel.Parameters(p.layout(), p.lambda(), p.m(), p.u(), p.givenFrequency(),
                    p.familyFrequency(), 15, 18);
            save(base);
            return base;
        }
    }

    /** Saves weights as a training does and makes them the ones in force; returns their row. */
    private long save(MatchModel.Parameters p) {
        long id = jdbc.sql("""
                insert into match_model (trained_by, records, records_held, lower_threshold, upper_threshold, parameters)
                values ('relink-test', 2, 0, ?, ?, ?::jsonb) returning id""")
                .params(p.lower(), p.upper(), MatchModels.JSON.writeValueAsString(p)).query(Long.class).single();
        models.refresh();
        assertThat(models.current().id()).isEqualTo(id);
        return id;
    }

    /** The base weights with every score {@code bits} higher (the prior share of matches changed), trained and announced. */
    private long trainedShiftedBy(MatchModel.Parameters base, double bits) {
        double prior = Math.log(base.lambda() / (1 - base.lambda())) / Math.log(2) + bits;
        double lambda = 1 / (1 + Math.pow(2, -prior));
        long id = save(new MatchModel.Parameters(base.layout(), lambda, base.m(), base.u(), base.givenFrequency(),
                base.familyFrequency(), base.lower(), base.upper()));
        events.publishEvent(new MatchModelTrained(id, "relink-test"));
        return id;
    }

    /** Whether the pass after the training of {@code modelId} was audited, listing {@code id} under {@code list}. */
    private boolean audited(long modelId, String list, long id) {
        return jdbc.sql("""
                select count(*) from audit_entry where operation = 'relinkAfterTraining' and actor = 'hub:matcher'
                and (detail ->> 'model')::bigint = ? and (detail -> ?)::jsonb @> to_jsonb(?::bigint)""")
                .params(modelId, list, id).query(Integer.class).single() == 1;
    }

    private long reviewIdOf(long record) {
        return jdbc.sql("select id from link_review where person_record_id = ?").param(record).query(Long.class).single();
    }

    @Test
    void openPairsAreLinkedOrWithdrawnAndWeakenedLinksLeaveTheirSubjectAfterTraining() throws IOException {
        MatchModel.Parameters base = shipped();

        // a pair between the thresholds that the new weights score above the link threshold
        long[] pair = inBetweenPair("Keturah", "Blackwood-Amis", "Okafor-Lund", LocalDate.of(1988, 4, 11));
        assertThat(subjectOf(pair[0])).isNotEqualTo(subjectOf(pair[1]));
        double score = pendingScore(pair[0]);
        UUID candidateSubject = subjectOf(pair[1]);
        long raised = trainedShiftedBy(base, 18.5 - score);
        assertThat(subjectOf(pair[0])).as("linked by the matcher").isEqualTo(subjectOf(pair[1])).isEqualTo(candidateSubject);
        assertThat(reviewStatus(pair[0])).isEqualTo("linked");
        var linked = jdbc.sql("""
                select d.id, d.decided_by from identity_decision d join link_move m on m.decision_id = d.id
                where d.kind = 'link-after-training' and m.person_record_id = ?""").param(pair[0]).query().singleRow();
        assertThat(linked.get("decided_by")).isEqualTo("hub:matcher");
        assertThat(audited(raised, "linked", (Long) linked.get("id"))).isTrue();

        // back to the base weights: a new pair between the thresholds, and a record linked automatically
        base = shipped();
        long[] weak = inBetweenPair("Philippa", "Thackeray-Moss", "Adeyinka-Hale", LocalDate.of(1979, 10, 2));
        double weakScore = pendingScore(weak[0]);
        long first = send("met-police", "Rosalind", "Featherstonehaugh", LocalDate.of(1993, 6, 27), "SE11 5QP");
        long second = send("lambeth-asc", "Rosalind", "Featherstonhaugh", LocalDate.of(1993, 6, 27), "SE11 5QP");
        var link = jdbc.sql("select method, score from subject_link where person_record_id = ? and status = 'auto'")
                .param(second).query().singleRow();
        assertThat(link.get("method")).as("linked on its score").isEqualTo("probabilistic");
        assertThat(subjectOf(second)).isEqualTo(subjectOf(first));
        double linkScore = (Double) link.get("score");
        // new weights that put the link between the thresholds, and so the weaker pair under them
        double shift = 16.5 - linkScore;
        assertThat(weakScore + shift).as("the pair falls under the review threshold").isLessThan(15);
        UUID together = subjectOf(first);
        long lowered = trainedShiftedBy(base, shift);

        assertThat(reviewStatus(weak[0])).isEqualTo("withdrawn");
        assertThat(jdbc.sql("select decided_by from link_review where person_record_id = ?").param(weak[0])
                .query(String.class).single()).isEqualTo("hub:matcher");
        assertThat(subjectOf(first)).as("the subject keeps its first record").isEqualTo(together);
        assertThat(subjectOf(second)).as("the weakened link is undone").isNotEqualTo(together);
        var unlinked = jdbc.sql("""
                select d.id, d.subject_id from identity_decision d join link_move m on m.decision_id = d.id
                where d.kind = 'unlink-after-training' and m.person_record_id = ? and m.from_subject = ?""")
                .params(second, together).query().singleRow();
        assertThat(unlinked.get("subject_id")).isEqualTo(together);
        var queued = reviews.review(jdbc.sql("select id from link_review where person_record_id = ? and status = 'pending'")
                .param(second).query(Long.class).single()).orElseThrow();
        assertThat(queued.candidateRecordId()).isEqualTo(first);
        assertThat(queued.score()).isBetween(16.0, 17.0);
        assertThat(queued.cause()).isEqualTo(LinkReviews.Cause.SCORE);
        assertThat(audited(lowered, "unlinked", (Long) unlinked.get("id"))).isTrue();
        assertThat(audited(lowered, "withdrawn", reviewIdOf(weak[0]))).isTrue();

        // the matcher's decisions are in the subject's history like an analyst's
        assertThat(reviews.history(together)).extracting(LinkReviews.Decision::kind).contains("unlink-after-training");
    }

    @Test
    void aTrainingRequestedByAnAdministratorIsFollowedByTheAuditedPass() {
        int before = jdbc.sql("select count(*) from audit_entry where operation = 'relinkAfterTraining'")
                .query(Integer.class).single();
        LinkReviews.Model trained = reviews.train("hub.admin").orElseThrow();
        assertThat(jdbc.sql("select count(*) from audit_entry where operation = 'relinkAfterTraining'")
                .query(Integer.class).single()).isEqualTo(before + 1);
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where operation = 'relinkAfterTraining' and (detail ->> 'model')::bigint = ?""")
                .param(trained.id()).query(Integer.class).single()).isEqualTo(1);
    }
}
