package uk.safeguarding.connectors.canonical;

/**
 * A feed that can map a record again from its raw form: a quarantined record, corrected by the partner
 * agency, is replayed through the same mapping its feed uses.
 */
public interface Replayable {

    /** The feed code this mapping belongs to. */
    String feedCode();

    /** The agency that provides the feed. */
    String feedAgency();

    /** What the partner agency and the hub's users call the feed. */
    default String feedName() {
        return feedCode();
    }

    /** How the feed reaches the hub. */
    Transport feedTransport();

    /** Maps a raw record (as the feed would have received it) to a source record of the given run. */
    SourceRecord replay(String runId, String raw);

    /**
     * Maps a record again from the bytes the partner sent, decoded in the encoding the first reading
     * found (not guessed again), and keeps those bytes with it, so a record quarantined again still holds
     * what was sent.
     */
    default SourceRecord replay(String runId, SourceRecord.Received received) {
        return replay(runId, received.text()).withReceived(received);
    }

    enum Transport { REST_JSON, FHIR_REST, FILE_DROP }
}
