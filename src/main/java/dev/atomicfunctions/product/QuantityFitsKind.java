package dev.atomicfunctions.product;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stock movement's quantity is never 0 (the column refuses it, and it would record nothing) and is positive for a
 * receipt. A rule across two fields, so declared on the body; the violation names {@code quantity}, so that the
 * caller sees it among the other invalid fields.
 */
@Documented
@Constraint(validatedBy = {})
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface QuantityFitsKind {

    String message() default "must fit the movement's kind";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
