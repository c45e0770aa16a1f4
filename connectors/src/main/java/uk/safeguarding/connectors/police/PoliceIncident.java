package uk.safeguarding.connectors.police;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An incident in the data.police.uk shape, with the exact time, the force reference and the POLE
 * persons that the partnership feed adds to the open-data fields.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PoliceIncident(
        String reference,
        String persistentId,
        Long id,
        String category,
        String month,
        OffsetDateTime datetime,
        String locationType,
        String locationSubtype,
        Location location,
        String context,
        OutcomeStatus outcomeStatus,
        String borough,
        List<Person> people) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Location(String latitude, String longitude, Street street, String postcode, String uprn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Street(Long id, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutcomeStatus(String category, String date) {
    }

    /** A person under the NPCC Minimum POLE Data Standards. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Person(
            String personId,
            String role,
            String givenName,
            String surname,
            LocalDate dateOfBirth,
            Integer age,
            String gender,
            HomeAddress homeAddress,
            String telephone,
            String email,
            String pncId,
            String croNumber) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HomeAddress(String line, String postcode, String uprn) {
    }
}
