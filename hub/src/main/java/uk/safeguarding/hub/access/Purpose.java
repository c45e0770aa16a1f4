package uk.safeguarding.hub.access;

/** Why personal data is asked for. Every query for personal data declares one. */
public enum Purpose {
    /** Vulnerable victims of anti-social behaviour panel (the Lambeth model). */
    VVASB_PANEL,
    /** Multi-agency risk assessment conference for high-risk domestic abuse. */
    MARAC,
    /** Youth offending and safeguarding case work. */
    YOUTH_JUSTICE,
    /** Multi-agency safeguarding hub triage of a referral. */
    MASH_TRIAGE,
    /** Aggregate figures for commissioners and evaluators; never individual records. */
    STATISTICS
}
