package uk.safeguarding.hub.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The auditor's view of the log: chain verification, entries, a subject's access report (who saw their
 * data, when and why) and unusual reading. Answers hold identifiers and decisions, never case data.
 * Every call is itself audited, and the caller must have checked the {@link #AUDITOR_ROLE} first.
 */
public interface AuditTrail {

    /** The realm role that may query the audit log. */
    String AUDITOR_ROLE = "auditor";

    /** Who is asking. */
    record Auditor(String userId, String agency, Set<String> roles) {
    }

    record Verification(boolean valid, long entriesChecked, Long firstBadSequence, String problem,
            int checkpointsChecked) {
    }

    /** Every criterion given must match; null means any. */
    record Filter(String actor, String agency, UUID subjectId, String purpose, String operation, OffsetDateTime from,
            OffsetDateTime to) {
    }

    /** An entry as stored; {@code detail} is its JSON (identifiers and decisions). */
    record AuditedEntry(long sequence, OffsetDateTime recordedAt, String actor, String actorAgency,
            List<String> actorRoles, String purpose, String operation, List<UUID> subjects, String detail,
            String previousHash, String hash) {
    }

    record EntryPage(List<AuditedEntry> entries, long offset, boolean hasNext) {
    }

    /** A field not released, in an event ({@code event} set) or about the subject. */
    record WithheldField(String event, String field, String reason) {
    }

    /** One read (or refused attempt) touching the subject, with what was released and withheld. */
    record AccessRecord(long sequence, OffsetDateTime recordedAt, String actor, String actorAgency,
            List<String> actorRoles, String purpose, String operation, boolean refused, List<String> agreements,
            List<String> fieldsReleased,
            List<String> eventsReleased, List<WithheldField> fieldsWithheld) {
    }

    enum AnomalyKind {
        /** Many distinct subjects read. */
        BULK_READING,
        /** Reads outside working hours. */
        OUT_OF_HOURS,
        /** Requests refused. */
        REPEATED_REFUSALS,
        /** Many fields withheld from the user's answers: probing for what they may not see. */
        REPEATED_WITHHELD
    }

    record AccessAnomaly(String actor, String actorAgency, AnomalyKind kind, long count, long threshold,
            OffsetDateTime firstAt, OffsetDateTime lastAt) {
    }

    /** Checks the whole log (both null), or the entries recorded in the period. */
    Verification verify(Auditor auditor, OffsetDateTime from, OffsetDateTime to);

    EntryPage entries(Auditor auditor, Filter filter, long offset, int limit);

    /** Every entry that touched the subject, oldest first: the answer to a subject access request. */
    List<AccessRecord> accessReport(Auditor auditor, UUID subjectId);

    /** Users whose reading in the period (default: the configured window up to now) passes a threshold. */
    List<AccessAnomaly> anomalies(Auditor auditor, OffsetDateTime from, OffsetDateTime to);

    /** Records a refused attempt to query the audit log. */
    void refused(Auditor auditor, String operation, String reason);
}
