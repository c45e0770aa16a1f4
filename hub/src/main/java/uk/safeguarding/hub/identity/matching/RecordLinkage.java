package uk.safeguarding.hub.identity.matching;

import java.util.List;
import uk.safeguarding.connectors.canonical.PersonRecord;

/**
 * Probabilistic record linkage (Fellegi-Sunter, as Splink does it): deterministic rules first (the same
 * valid NHS number or agency id links; two different valid NHS numbers never do), then match weights
 * learnt from the records themselves without labels, blocking to keep candidate pairs few, thresholds
 * and clusters without chaining errors. In memory: the hub stores the outcome.
 */
public interface RecordLinkage {

    /** Trains the weights on {@code records} (EM over the blocked pairs) and clusters them into subjects. */
    static RecordLinkage train(List<PersonRecord> records, Thresholds thresholds) {
        return Linker.train(records, thresholds);
    }

    /** Record {@code i}'s cluster (a subject) when only automatic links count. */
    int cluster(int record);

    /** Record {@code i}'s cluster were every pair in review confirmed. */
    int clusterWithReviews(int record);

    /** Whether any pair with record {@code i} waits for an analyst. */
    boolean inReview(int record);

    /** Records known so far (trained ones, then those linked one by one). */
    int size();

    /**
     * Links one new record against the clusters already known and keeps it (it becomes record
     * {@link #size()} - 1): the best cluster, its score and the decision, with each field's contribution.
     */
    Outcome link(PersonRecord record);

    /** The same weights with no records yet: to link a population one record at a time, as the hub does on arrival. */
    RecordLinkage withoutRecords();

    /** Counts and times of the training run, for benchmarks and the README. */
    Stats stats();

    /** Match weights in bits: above {@code upper} link, below {@code lower} keep apart, else review. */
    record Thresholds(double lower, double upper) {
        // measured on the synthetic population (benchmarks/run matching): F1 0.986, 1.6% of records in review at 1M records
        public static final Thresholds DEFAULT = new Thresholds(15, 18);
    }

    enum Decision { LINK, REVIEW, NEW }

    /** The best cluster for a new record ({@code -1} with a NEW decision when none was a candidate). */
    record Outcome(int record, int cluster, double score, Decision decision, String method, List<Contribution> contributions) {
    }

    /** One field's part in a score, in bits: what an analyst's waterfall shows. */
    record Contribution(String field, String level, double weight) {
    }

    record Stats(int records, int distinctRecords, long candidatePairs, int emIterations, long trainingMillis,
            long linkingMillis, long reviewPairs) {
    }
}
