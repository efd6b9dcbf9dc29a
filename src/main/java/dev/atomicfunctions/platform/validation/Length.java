package dev.atomicfunctions.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The length of a text in characters (Unicode code points), as PostgreSQL counts them in {@code varchar(n)} and JSON
 * Schema counts them in {@code maxLength}. Bean validation's {@code @Size} counts UTF-16 units instead, so that an
 * emoji counts twice: it would refuse 200 emoji that the column holds. {@code null} is valid (use
 * {@code @NotNull} or {@code @NotBlank} for required text).
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE,
    ElementType.RECORD_COMPONENT})
public @interface Length {

    /** @return the fewest characters */
    int min() default 0;

    /** @return the most characters */
    int max();

    /** @return the message, with {min} and {max} replaced; by default "must be at most {max} characters long" or
     * "must be {min} to {max} characters long" */
    String message() default "";

    /** @return validation groups */
    Class<?>[] groups() default {};

    /** @return payload */
    Class<? extends Payload>[] payload() default {};
}
