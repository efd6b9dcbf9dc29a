package dev.atomicfunctions.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An ISO 4217 currency code the JDK knows ({@code java.util.Currency.getAvailableCurrencies()}), exactly as listed:
 * three upper-case letters ({@code usd} is refused, not upper-cased: what is stored is what was sent). A pattern
 * alone would let {@code XXQ} through. {@code null} is valid (use {@code @NotNull} for a required code).
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE,
    ElementType.RECORD_COMPONENT})
public @interface CurrencyCode {

    /** @return the message */
    String message() default "must be an ISO 4217 currency code, in upper case";

    /** @return validation groups */
    Class<?>[] groups() default {};

    /** @return payload */
    Class<? extends Payload>[] payload() default {};
}
