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

/** A 10-digit NHS number whose Modulus 11 check digit is right. Null is allowed (not given). */
@Documented
@Constraint(validatedBy = NhsNumber.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface NhsNumber {

    String message() default "is not a valid NHS number (10 digits, Modulus 11)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NhsNumber, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isValid(value);
        }

        /** Modulus 11 over the digits, ignoring the spaces of the "3 3 4" display form. */
        public static boolean isValid(String value) {
            String digits = value.replace(" ", "");
            if (!digits.matches("\\d{10}")) {
                return false;
            }
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (digits.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - (sum % 11);
            if (check == 11) {
                check = 0;
            }
            return check != 10 && check == digits.charAt(9) - '0';
        }
    }
}
