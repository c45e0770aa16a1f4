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

/**
 * A Unique Property Reference Number: 1 to 12 digits, never zero (LFB writes 0 for "not given", which
 * mappers turn into null). Null allowed.
 */
@Documented
@Constraint(validatedBy = Uprn.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Uprn {

    String message() default "is not a UPRN (1 to 12 digits)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Uprn, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || (value.matches("\\d{1,12}") && !value.matches("0+"));
        }
    }
}
