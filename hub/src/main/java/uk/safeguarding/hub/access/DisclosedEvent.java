package uk.safeguarding.hub.access;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** An event in a subject's history as this caller may see it; withheld values are null and listed. */
public record DisclosedEvent(UUID id, String agency, String kind, OffsetDateTime occurredAt, String category,
        String summary, String location, String postcode, String borough, String sensitivity, List<String> roles,
        List<Withheld> withheld) {
}
