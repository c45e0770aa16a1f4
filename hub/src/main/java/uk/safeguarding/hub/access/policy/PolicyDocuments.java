package uk.safeguarding.hub.access.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The documents in {@code policies/}, as written by information governance officers (kebab-case YAML).
 * Bean Validation checks each document; {@link PolicyLoader} checks them against each other.
 */
public final class PolicyDocuments {

    private PolicyDocuments() {
    }

    public record AgencyCatalogue(@NotEmpty List<@Valid Agency> agencies) {
    }

    public record Agency(@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]*", message = "must be a lower-case code") String code,
            @NotBlank String name,
            @NotBlank @Pattern(regexp = "police|housing|adult-social-care|children-social-care|mental-health|fire|transport|community-safety",
                    message = "must be one of police, housing, adult-social-care, children-social-care, mental-health, fire, transport, community-safety")
            String kind) {
    }

    public record PurposeCatalogue(@NotEmpty List<@Valid PurposeEntry> purposes) {
    }

    public record PurposeEntry(@NotBlank String code, @NotBlank String name, @NotBlank String description) {
    }

    public record RoleCatalogue(@NotEmpty List<@Valid RoleEntry> roles) {
    }

    public record RoleEntry(@NotBlank String code, @NotNull Boolean readsPersonalData, @NotBlank String description) {
    }

    public record FieldCatalogue(@NotEmpty List<@Valid FieldEntry> fields, List<@NotBlank String> structural) {
    }

    public record FieldEntry(@NotBlank @Pattern(regexp = "(subject|event|case|personRecord)\\.[a-zA-Z]+",
            message = "must be subject.<field>, event.<field>, case.<field> or personRecord.<field>") String name,
            @NotBlank @Pattern(regexp = "ordinary|special-category|criminal-offence|of-record",
                    message = "must be ordinary, special-category, criminal-offence or of-record") String sensitivity,
            String description) {
    }

    /** An information sharing agreement. */
    public record Agreement(
            @NotBlank @Pattern(regexp = "[a-z0-9-]+", message = "must be a lower-case id") String id,
            @NotBlank String title,
            @NotBlank String version,
            @NotEmpty List<@NotBlank String> purposes,
            Boolean aggregatesOnly,
            @NotEmpty List<@Valid Party> parties,
            @NotNull @Valid LawfulBasis lawfulBasis,
            @NotNull LocalDate effective,
            @NotNull LocalDate reviewBy,
            @NotNull LocalDate expires,
            @NotBlank String retention,
            List<@NotBlank String> exemptions,
            Duration exemptionDuration,
            List<@Pattern(regexp = "E0[69]\\d{6}", message = "must be a GSS local authority code") String> recipientBoroughs,
            @NotNull List<@Valid Clause> clauses,
            List<@Valid ConsentRecorder> consentRecorders,
            List<@Valid Allocator> allocators,
            @NotEmpty List<@Valid Signatory> signatories) {
    }

    /**
     * Who may record (and withdraw) a person's consent to {@code provider} sharing their data under this
     * agreement: staff of {@code agency} holding {@code role}. An agreement that names no one lets no one.
     */
    public record ConsentRecorder(@NotBlank String provider, @NotBlank String agency, @NotBlank String role) {
    }

    /** Who may name a subject's case manager under this agreement: staff of {@code agency} holding {@code role}. */
    public record Allocator(@NotBlank String agency, @NotBlank String role) {
    }

    public record Party(@NotBlank String agency,
            @NotBlank @Pattern(regexp = "controller|joint-controller|processor",
                    message = "must be controller, joint-controller or processor") String controller,
            Boolean receives) {
    }

    /** The lawful basis for each class of data; a class without one is never shared. */
    public record LawfulBasis(@NotBlank String ordinary, String specialCategory, String criminalOffence) {
    }

    public record Clause(
            @NotBlank String id,
            @NotBlank String summary,
            @NotBlank String provider,
            @NotEmpty List<@NotBlank String> fields,
            @NotEmpty List<@NotBlank String> roles,
            @NotBlank @Pattern(regexp = "not-required|required", message = "must be not-required or required") String consent,
            @Pattern(regexp = "none|assigned-case-manager", message = "must be none or assigned-case-manager") String relationship,
            List<@NotBlank String> exemptions) {
    }

    public record Signatory(@NotBlank String name, @NotBlank String role, @NotBlank String agency, @NotNull LocalDate signed) {
    }
}
