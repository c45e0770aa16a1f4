package uk.safeguarding.connectors.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConstraintsTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest
    @ValueSource(strings = {"9434765919", "943 476 5919", "9990000018", "9990000026", "9990000034"})
    void acceptsNhsNumbersWhoseCheckDigitIsRight(String number) {
        assertThat(NhsNumber.Validator.isValid(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9434765918", "943476591", "94347659190", "943476591X", "1000000010", ""})
    void refusesWrongCheckDigitsLengthsAndCheckTen(String number) {
        // 1000000010: weights give remainder 1, so the check digit would be 10: never issued
        assertThat(NhsNumber.Validator.isValid(number)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SW2 5SG", "sw25sg", " SE11  4QY ", "EC1A 1BB", "W1A 0AX", "GIR 0AA"})
    void acceptsFullPostcodesAfterNormalising(String postcode) {
        assertThat(new Postcode.Validator().isValid(postcode, null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SW2", "SW2 5S", "SW2 5SGX", "1AB 2CD", "SW2 ISG", "12345"})
    void refusesPartialOrMalformedPostcodes(String postcode) {
        assertThat(new Postcode.Validator().isValid(postcode, null)).isFalse();
    }

    @Test
    void normalisesPostcodeSpacingAndCase() {
        assertThat(Postcode.Validator.normalise(" sw2  5sg")).isEqualTo("SW2 5SG");
        assertThat(Postcode.Validator.normalise("se114qy")).isEqualTo("SE11 4QY");
    }

    @Test
    void uprnIsOneToTwelveDigitsAndNeverZero() {
        Uprn.Validator uprn = new Uprn.Validator();
        assertThat(uprn.isValid("100021234567", null)).isTrue();
        assertThat(uprn.isValid("5", null)).isTrue();
        assertThat(uprn.isValid("0", null)).isFalse();
        assertThat(uprn.isValid("1000212345678", null)).isFalse();
        assertThat(uprn.isValid("1.0002E11", null)).isFalse();
    }

    @Test
    void aRecordReportsEveryViolationByPathWithoutTheValues() {
        PersonRecord person = new PersonRecord("N1", "Amina", "Okafor", LocalDate.now().plusDays(3), null,
                "9990000019", List.of(), List.of(new Address("1 Acre Lane", "SW2", "0", "LAMBETH")), null, "not-an-email");
        EventRecord event = new EventRecord("E1", "crime", Instant.now(), "burglary", null, null,
                EventRecord.Sensitivity.CRIMINAL_OFFENCE, List.of(new EventRecord.Party("N1", EventRecord.Role.VICTIM)));
        SourceRecord record = new SourceRecord("run", "feed", "met-police", "S1", "{}", List.of(person), List.of(event), List.of());

        List<String> problems = validator.validate(record).stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().toList();

        assertThat(problems).hasSize(6).anyMatch(p -> p.startsWith("people[0].nhsNumber"))
                .anyMatch(p -> p.startsWith("people[0].dateOfBirth"))
                .anyMatch(p -> p.startsWith("people[0].email"))
                .anyMatch(p -> p.startsWith("people[0].addresses[0].postcode"))
                .anyMatch(p -> p.startsWith("people[0].addresses[0].uprn"))
                .anyMatch(p -> p.startsWith("people[0].addresses[0].borough"));
        assertThat(String.join(" ", problems)).doesNotContain("9990000019", "Okafor", "SW2 ", "not-an-email");
    }
}
