package uk.safeguarding.connectors.canonical;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An address as a partner gave it. {@code borough} is the GSS code (E09000001..E09000033 in London).
 */
public record Address(
        @Size(max = 300) String line,
        @Postcode String postcode,
        @Uprn String uprn,
        @Pattern(regexp = "E0[69]\\d{6}", message = "is not a GSS local authority code") String borough) {
}
