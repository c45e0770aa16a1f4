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
 */
public record SourceRecord(
        @NotBlank String runId,
        @NotBlank String feed,
        @NotBlank String agency,
        @NotBlank @Size(max = 200) String sourceId,
        @NotBlank String raw,
        @NotNull List<@Valid @NotNull PersonRecord> people,
        @NotNull List<@Valid @NotNull EventRecord> events,
        @NotNull List<String> problems) {

    public SourceRecord {
        people = people == null ? List.of() : List.copyOf(people);
        events = events == null ? List.of() : List.copyOf(events);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    /** A record the connector could not map: kept raw, to be quarantined with the reason. */
    public static SourceRecord unmappable(String runId, String feed, String agency, String sourceId, String raw,
            String problem) {
        return new SourceRecord(runId, feed, agency, sourceId, raw, List.of(), List.of(), List.of(problem));
    }
}
