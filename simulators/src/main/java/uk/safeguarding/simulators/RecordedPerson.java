package uk.safeguarding.simulators;

import java.util.Set;
import uk.safeguarding.simulators.Recording.Variation;

/**
 * The truth behind one person in one record a simulator wrote: keyed as the hub keeps it (the agency,
 * the record's source id and the person's local id within it, as the connector maps them), with the
 * true id of the person and how the record differs from them. Never written into a feed.
 */
public record RecordedPerson(String agency, String sourceId, String localPersonId, String trueId,
        Set<Variation> variations) {

    /** One string for the key, e.g. for a map: {@code agency|sourceId|localPersonId}. */
    public String key() {
        return key(agency, sourceId, localPersonId);
    }

    public static String key(String agency, String sourceId, String localPersonId) {
        return agency + "|" + sourceId + "|" + localPersonId;
    }
}
