package uk.safeguarding.hub.access;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One agency's record of a person as this caller may see it under the declared purpose (for analysts
 * deciding whether two records are one person): each of the subject's fields decided for this record's
 * agency and subject, released or null with an entry in {@code withheld}. Every field is decided, with a
 * value or without, so that what is withheld says nothing about whether there is a value.
 *
 * @param sourceReference the agency's own reference for the record (decided as {@code personRecord.sourceReference}),
 *                        so an analyst can trace a link back to the partner's system
 */
public record DisclosedRecord(long id, UUID subjectId, String agency, Purpose purpose, String givenName,
        String familyName, LocalDate dateOfBirth, String sex, String nhsNumber, String postcode,
        String sourceReference, List<Withheld> withheld) {
}
