package uk.safeguarding.connectors.canonical;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * Something that happened, as an agency recorded it, and who was involved in which role.
 *
 * @param kind        incident, crime, asb-complaint, fire-attendance, safeguarding-enquiry, ...
 * @param category    the partner's own category (e.g. the data.police.uk slug)
 * @param sensitivity the UK GDPR class the content falls in; decides which agreements may release it
 */
public record EventRecord(
        @NotBlank @Size(max = 200) String localId,
        @NotBlank @Size(max = 60) String kind,
        @NotNull @PastOrPresent Instant occurredAt,
        @Size(max = 120) String category,
        @Size(max = 2000) String summary,
        @Valid Address location,
        @NotNull Sensitivity sensitivity,
        @NotNull List<@Valid @NotNull Party> parties) {

    public EventRecord {
        parties = parties == null ? List.of() : List.copyOf(parties);
    }

    /** A person's part in an event: {@code personLocalId} refers to a {@link PersonRecord#localId()}. */
    public record Party(@NotBlank String personLocalId, @NotNull Role role) {
    }

    /** Person roles of the NPCC Minimum POLE Data Standards, plus the roles other agencies record. */
    public enum Role {
        VICTIM, OFFENDER, SUSPECT, WITNESS, VULNERABLE_PERSON, MISSING_PERSON, PERSON_REPORTING,
        COMPLAINANT, ALLEGED_PERPETRATOR, OCCUPIER, SERVICE_USER, CHILD, PATIENT, OTHER
    }

    public enum Sensitivity { ORDINARY, SPECIAL_CATEGORY, CRIMINAL_OFFENCE }
}
