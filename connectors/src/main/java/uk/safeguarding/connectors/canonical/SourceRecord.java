package uk.safeguarding.connectors.canonical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One record as a partner sent it: the raw payload, kept verbatim, and its canonical form.
 *
 * @param runId    the feed run that received it (counts reconcile per run)
 * @param feed     the feed code, e.g. {@code met-police-incidents}
 * @param agency   the providing agency (the controller), e.g. {@code met-police}
 * @param sourceId the partner's stable identifier for the record
 * @param raw      the payload exactly as received
 * @param problems what the connector could not map; a record with problems is quarantined, not lost
 * @param received the bytes the partner sent for this record and the character encoding {@code raw} was
 *                 decoded from, when the connector read bytes (a file drop); null otherwise
 */
public record SourceRecord(
        @NotBlank String runId,
        @NotBlank String feed,
        @NotBlank String agency,
        @NotBlank @Size(max = 200) String sourceId,
        @NotBlank String raw,
        @NotNull List<@Valid @NotNull PersonRecord> people,
        @NotNull List<@Valid @NotNull EventRecord> events,
        @NotNull List<String> problems,
        Received received) {

    public SourceRecord {
        people = people == null ? List.of() : List.copyOf(people);
        events = events == null ? List.of() : List.copyOf(events);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A record whose bytes are not kept apart from its text (JSON feeds: UTF-8 by their specifications). */
    public SourceRecord(String runId, String feed, String agency, String sourceId, String raw, List<PersonRecord> people,
            List<EventRecord> events, List<String> problems) {
        this(runId, feed, agency, sourceId, raw, people, events, problems, null);
    }

    /** The same record, with the bytes it was read from. */
    public SourceRecord withReceived(Received bytes) {
        return new SourceRecord(runId, feed, agency, sourceId, raw, people, events, problems, bytes);
    }

    /**
     * A record's bytes as the partner sent them and the character encoding they were read in (a Java
     * charset name such as {@code windows-1252}), so that an audit sees what was sent and a replay decodes
     * it as the first reading did.
     */
    public record Received(byte[] bytes, String encoding) {

        public Received {
            java.util.Objects.requireNonNull(bytes, "bytes");
            java.nio.charset.Charset.forName(encoding); // a name Java knows, or it throws here, not at replay
        }

        /** The text these bytes hold in their encoding. */
        public String text() {
            return new String(bytes, java.nio.charset.Charset.forName(encoding));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Received r && java.util.Arrays.equals(bytes, r.bytes) && encoding.equals(r.encoding);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Arrays.hashCode(bytes) + encoding.hashCode();
        }

        @Override
        public String toString() {
            return "Received[" + bytes.length + " bytes, " + encoding + "]";
        }
    }

    /** A record the connector could not map: kept raw, to be quarantined with the reason. */
    public static SourceRecord unmappable(String runId, String feed, String agency, String sourceId, String raw,
            String problem) {
        return new SourceRecord(runId, feed, agency, sourceId, raw, List.of(), List.of(), List.of(problem));
    }
}
