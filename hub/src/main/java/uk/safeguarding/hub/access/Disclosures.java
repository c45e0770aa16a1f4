package uk.safeguarding.hub.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import uk.safeguarding.hub.identity.Identities.SubjectQuery;
import uk.safeguarding.hub.ingest.EventHistory;

/** The only way personal data leaves the hub: decided field by field, and audited. */
public interface Disclosures {

    Slice<DisclosedSubject> searchSubjects(Caller caller, Purpose purpose, SubjectQuery query, long offset, int limit);

    Optional<DisclosedSubject> subject(Caller caller, Purpose purpose, UUID subjectId);

    Slice<DisclosedEvent> timeline(Caller caller, Purpose purpose, UUID subjectId, Set<String> agencies, long offset,
            int limit);

    /**
     * Refuses (with the reason, and an audit entry of the refusal) a caller whom no agreement in force
     * lets read personal data for the purpose: for work on cases, whose subjects are personal data.
     */
    void requireReader(Caller caller, Purpose purpose, String operation);

    /**
     * Admits the caller to aggregate figures (no personal data) for the purpose under an aggregates-only
     * agreement in force that names their agency as a recipient, and audits the release with
     * {@code detail} (what was published, never a raw count); refused and audited otherwise.
     *
     * @return the agreements relied on
     */
    List<String> releaseAggregates(Caller caller, Purpose purpose, String operation, Map<String, Object> detail);

    /** One event of a subject's history, as the timeline would show it to the caller (empty if it would not). */
    Optional<DisclosedEvent> event(Caller caller, Purpose purpose, UUID subjectId, UUID eventId);

    /**
     * For each partner agency, what the caller may know of its records of the subject under the purpose:
     * how many events it holds, that it holds none, or why its records are not shown. For an agency the
     * caller may not see, whether it holds anything is not said.
     */
    List<AgencyCoverage> coverage(Caller caller, Purpose purpose, UUID subjectId);

    /**
     * The agencies whose person records the caller may find under the purpose, as a subject search would
     * (refused, and the refusal audited, if the caller may read nothing for it).
     */
    Set<String> searchableAgencies(Caller caller, Purpose purpose, String operation);

    /**
     * Subjects whose events show the pattern, counting only events of agencies whose events the caller may
     * learn of under the purpose (in some circumstances: consent or a relationship may still be needed),
     * so that no one is found or ranked on what the caller may not see; most incidents first. Ids only:
     * what is then read of them is disclosed (and audited) as any read.
     */
    List<UUID> showingPattern(Caller caller, Purpose purpose, String operation, EventHistory.RepeatPattern pattern,
            Collection<UUID> excluded, int max);

    /**
     * Person records as the caller may see them, in the order asked; a record of an agency the caller may
     * not search is left out, as if it did not exist. Audited as {@code operation}, with {@code detail}
     * (identifiers only) beside the records and fields released and withheld.
     */
    List<DisclosedRecord> personRecords(Caller caller, Purpose purpose, String operation, List<Long> recordIds,
            Map<String, Object> detail);

    /**
     * The agreement a case the caller opens under the purpose belongs to: {@code requested} (an agreement id), or,
     * when it is left out, the only agreement in force that shares the case work the caller's agency keeps with
     * them. Refused, with the reason, when there is none, and an argument error when there are several.
     */
    String caseAgreement(Caller caller, Purpose purpose, String requested);

    /**
     * What the caller may read of a panel case's work, the case belonging to {@code agreement} and its work kept by
     * {@code keeper}: nothing (empty) when that agreement is not in force for the purpose, the caller's agency does
     * not receive under it, or the caller may see only the subjects assigned to them and is not assigned this one
     * under it; otherwise each {@code case.*} field released or withheld with why, decided under that agreement
     * alone. Decisions only: the case read that shows them is audited citing {@link CaseWorkRelease#agreements()}.
     */
    Optional<CaseWorkRelease> caseWork(Caller caller, Purpose purpose, UUID subjectId, String agreement, String keeper);

    /** @param agreements the agreement versions relied on, as {@code id@version#hash} */
    record CaseWorkRelease(Set<String> released, List<Withheld> withheld, List<String> agreements) {
        public boolean releases(String field) {
            return released.contains(field);
        }
    }

    /** @param events the agency's events of the subject (null when not visible); withheld: why not visible */
    record AgencyCoverage(String agency, Coverage coverage, Integer events, Withheld withheld) {
    }

    enum Coverage { HAS_RECORDS, NO_RECORDS, NOT_VISIBLE }
}
