package uk.safeguarding.hub.identity;

import java.util.UUID;

/**
 * Every record of subject {@code from} now belongs to subject {@code to}: one person, decided by an
 * analyst (a confirmed link) or by rule (shared exact keys). Published in the deciding transaction, so
 * what other modules hold for {@code from} (consent, case assignments) can follow the records.
 */
public record SubjectsMerged(long decision, UUID from, UUID to, String decidedBy) {
}
