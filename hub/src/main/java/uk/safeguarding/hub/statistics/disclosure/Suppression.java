package uk.safeguarding.hub.statistics.disclosure;

/** Why a published cell or total is withheld. */
public enum Suppression {
    /** The count itself is a small group (below the threshold). */
    PRIMARY,
    /** Withheld so that the published totals cannot reveal another suppressed count. */
    SECONDARY
}
