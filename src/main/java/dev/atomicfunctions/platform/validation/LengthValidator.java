package dev.atomicfunctions.platform.validation;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** Validates {@link Length} by counting code points. */
@Singleton
final class LengthValidator implements ConstraintValidator<Length, CharSequence> {

    @Override
    public boolean isValid(@Nullable CharSequence value, AnnotationValue<Length> annotation,
                           ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int min = annotation.intValue("min").orElse(0);
        long characters = value.codePoints().count();
        if (characters >= min && characters <= annotation.intValue("max").orElse(Integer.MAX_VALUE)) {
            return true;
        }
        if (annotation.stringValue("message").filter(m -> !m.isEmpty()).isEmpty()) {
            context.messageTemplate(min == 0 ? "must be at most {max} characters long"
                : "must be {min} to {max} characters long");
        }
        return false;
    }
}
