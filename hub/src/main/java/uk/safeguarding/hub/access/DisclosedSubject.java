package uk.safeguarding.hub.access;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A subject as this caller may see them under the declared purpose: each value is released, or null
 * with an entry in {@code withheld}. Carries the purpose so that nested reads keep to it.
 */
public record DisclosedSubject(UUID id, Purpose purpose, String givenName, String familyName, LocalDate dateOfBirth,
        String sex, String nhsNumber, String postcode, List<String> agencies, List<Withheld> withheld) {
}
