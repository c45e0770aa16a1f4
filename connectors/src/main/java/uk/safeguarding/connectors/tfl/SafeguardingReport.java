package uk.safeguarding.connectors.tfl;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A vulnerable-person or safeguarding report made by staff on the TfL network, in the Unified API's
 * conventions: a {@code $type} discriminator, ISO-8601 times, with an offset or none (London time) (with {@code 0001-01-01T00:00:00} as
 * "not set"), NaPTAN station ids. Times are read as text and parsed by the mapper for that reason.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SafeguardingReport(
        @JsonProperty("$type") String type,
        String id,
        String stationNaptanId,
        String stationName,
        String line,
        String reportedAt,
        String category,
        String narrative,
        String borough,
        Person person) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Person(
            @JsonProperty("$type") String type,
            String givenName,
            String familyName,
            String dateOfBirth,
            Integer approximateAge,
            String gender,
            String description) {
    }
}
