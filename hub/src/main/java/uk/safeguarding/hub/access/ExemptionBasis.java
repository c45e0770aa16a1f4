package uk.safeguarding.hub.access;

import java.util.Locale;

/** The grounds on which an agreement may let data be shared without consent, when claimed explicitly. */
public enum ExemptionBasis {
    SAFEGUARDING, CRIME_PREVENTION, VITAL_INTERESTS;

    /** The spelling used in agreements: {@code vital-interests}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
