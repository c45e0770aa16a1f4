package uk.safeguarding.connectors.canonical;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.regex.Pattern;

/** A full UK postcode (GOV.UK bulk-transfer pattern, full match after normalising). Null allowed. */
@Documented
@Constraint(validatedBy = Postcode.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Postcode {

    String message() default "is not a full UK postcode";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The GOV.UK pattern; it anchors only as a full match and needs the single space. */
    Pattern PATTERN = Pattern.compile("([Gg][Ii][Rr] 0[Aa]{2})|((([A-Za-z][0-9]{1,2})|(([A-Za-z][A-Ha-hJ-Yj-y]"
            + "[0-9]{1,2})|(([A-Za-z][0-9][A-Za-z])|([A-Za-z][A-Ha-hJ-Yj-y][0-9][A-Za-z]?))))\\s?[0-9][A-Za-z]{2})");

    class Validator implements ConstraintValidator<Postcode, String> {

        /** Upper case with exactly one space before the three-character inward code. */
        public static String normalise(String postcode) {
            if (postcode == null) {
                return null;
            }
            String compact = postcode.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
            if (compact.length() < 5) {
                return compact;
            }
            return compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PATTERN.matcher(normalise(value)).matches();
        }
    }
}
