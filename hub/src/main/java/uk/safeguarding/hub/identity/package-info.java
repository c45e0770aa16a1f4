/**
 * Identity: each agency's view of a person (person records), the resolved people (subjects) and the
 * links between them. Links are never destructive: a wrong one is rejected, not deleted.
 *
 * <p>Other modules read identity through {@link uk.safeguarding.hub.identity.Identities} or, for set-based
 * SQL, the read-only views it publishes (V70): {@code record_subject} (the subject each person record is
 * linked to now) and {@code person_record_completeness} (which fields each record carries). Its tables are
 * its own.
 */
package uk.safeguarding.hub.identity;
