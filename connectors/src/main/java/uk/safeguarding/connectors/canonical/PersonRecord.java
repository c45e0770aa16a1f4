package uk.safeguarding.connectors.canonical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A person as one agency knows them. Nothing here is trusted: the constraints are checked before the
 * record is kept, and a record that fails them is quarantined with every reason.
 *
 * @param localId   the agency's identifier for this person within the source record
 * @param agencyIds identifiers the agency holds (e.g. {@code PNC:...}), stable across records
 * @param ethnicity the agency's ethnicity code as given (e.g. the DfE's {@code WBRI}), kept for data
 *                  quality and equality monitoring, never used for matching
 */
public record PersonRecord(
        @NotBlank @Size(max = 100) String localId,
        @Size(max = 100) String givenName,
        @Size(max = 100) String familyName,
        @PastOrPresent LocalDate dateOfBirth,
        Sex sex,
        @NhsNumber String nhsNumber,
        List<@NotBlank String> agencyIds,
        List<@Valid Address> addresses,
        @Size(max = 40) String phone,
        @Email String email,
        @Size(max = 40) String ethnicity) {

    /** A person whose agency records no ethnicity. */
    public PersonRecord(String localId, String givenName, String familyName, LocalDate dateOfBirth, Sex sex,
            String nhsNumber, List<String> agencyIds, List<Address> addresses, String phone, String email) {
        this(localId, givenName, familyName, dateOfBirth, sex, nhsNumber, agencyIds, addresses, phone, email, null);
    }

    public PersonRecord {
        agencyIds = agencyIds == null ? List.of() : List.copyOf(agencyIds);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    public enum Sex { FEMALE, MALE, OTHER, UNKNOWN }
}
