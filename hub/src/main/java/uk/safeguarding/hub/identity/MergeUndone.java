package uk.safeguarding.hub.identity;

import java.util.UUID;

/**
 * A split sent records back from subject {@code from} to subject {@code to}, the subject a merge had
 * taken them from: what followed them into {@code from} goes back too. Published in the deciding
 * transaction.
 */
public record MergeUndone(long decision, UUID from, UUID to, String decidedBy) {
}
