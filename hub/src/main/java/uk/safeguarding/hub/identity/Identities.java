package uk.safeguarding.hub.identity;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.safeguarding.connectors.canonical.PersonRecord;

/** Registers person records against subjects, and finds subjects. */
public interface Identities {

    /**
     * Keeps person records from stored source records and links each to a subject, in one round of
     * statements for the lot (people in the same batch link to one another too); returns their ids in
     * order.
     */
    long[] registerAll(List<Arrival> people);

    /**
     * The first half of {@link #registerAll}: keeps the person records, not yet linked, and takes no lock;
     * their ids are {@link Kept#ids()}. {@link #linkAll} links them later in the same transaction. A batch
     * stores what needs no identity key (its events and parties) in between, so that the key locks it then
     * takes, held to commit, are held for the linking alone and other batches wait less.
     */
    Kept keepAll(List<Arrival> people);

    /** The second half of {@link #registerAll}: links the records {@link #keepAll} kept. Takes the key locks: call it last. */
    void linkAll(Kept people);

    /** Person records kept, waiting to be linked. */
    interface Kept {
        /** The records' ids, in the order of the arrivals. */
        long[] ids();
    }

    /**
     * Takes every identity key at once, for the rest of the transaction: a bulk load linking blocks of
     * thousands of records takes this one lock instead of one per key (which would fill PostgreSQL's lock
     * table). Linking by other transactions waits until it commits.
     */
    void lockAllKeys();

    /** As {@link #registerAll}, in a transaction that holds {@link #lockAllKeys}: no lock is taken per key. */
    long[] registerBlock(List<Arrival> people);

    /**
     * A person record arriving in a stored source record.
     *
     * @param sourceId the partner's own reference for the source record (incident, case, visit, report...)
     */
    record Arrival(long sourceRecordId, String agency, String sourceId, PersonRecord person) {

        /**
         * The agency's own reference for this person record, to trace a link back to the partner's system:
         * the record's reference and the person's within it (the agency's own person id where the record
         * carries one, as adult social care's {@code Person_ID}), or the person's alone when it already names
         * the record (housing's {@code ref/type/date/tenant}).
         */
        public String sourceReference() {
            String own = agency + ":";
            String local = person.agencyIds().stream().filter(id -> id.startsWith(own)).findFirst()
                    .map(id -> id.substring(own.length())).orElse(person.localId());
            if (sourceId == null || local.equals(sourceId) || local.startsWith(sourceId + "/")) {
                return local;
            }
            return sourceId + " / " + local;
        }
    }

    /**
     * Subjects matching every given criterion (nulls ignored) on the records of {@code agencies}, and only
     * among {@code onlySubjects} when that is not null, in a stable order. Matching happens in the
     * database so that what the caller may not see never shapes a page.
     */
    List<UUID> search(SubjectQuery query, Collection<String> agencies, Collection<UUID> onlySubjects, long offset, int limit);

    /** The live person records of each subject. */
    Map<UUID, List<KnownPerson>> records(Collection<UUID> subjectIds);

    /** Person records by id, each with the subject it is linked to now; ids with no record are left out. */
    Map<Long, KnownPerson> personRecords(Collection<Long> recordIds);

    /** Search criteria; names match the start of a given or family name, ignoring case and accents. */
    record SubjectQuery(String name, LocalDate dateOfBirth, String nhsNumber, String postcode) {
    }

    /** A person as one agency knows them, linked to a subject. */
    record KnownPerson(long id, UUID subjectId, String agency, String givenName, String familyName,
            LocalDate dateOfBirth, String sex, String nhsNumber, String postcode, long sourceRecordId,
            String sourceReference) {
    }
}
