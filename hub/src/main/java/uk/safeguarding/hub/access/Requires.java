package uk.safeguarding.hub.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Method security for the module APIs: the method runs only for a caller (its {@link Caller} argument) whose roles
 * allow the act. A refusal is audited and answered FORBIDDEN with {@link Act#refusal()}, before the method body
 * or its transaction starts ({@code ActAuthorization}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {

    Act value();
}
