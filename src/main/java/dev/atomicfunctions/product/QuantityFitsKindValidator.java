package dev.atomicfunctions.product;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

/** Validates {@link QuantityFitsKind}; a missing quantity or kind is left to their own {@code @NotNull}. */
@Singleton
final class QuantityFitsKindValidator implements ConstraintValidator<QuantityFitsKind, NewStockMovement> {

    @Override
    public boolean isValid(@Nullable NewStockMovement movement, AnnotationValue<QuantityFitsKind> annotation,
                           ConstraintValidatorContext context) {
        if (movement == null || movement.quantity() == null) {
            return true;
        }
        String problem = movement.quantity() == 0 ? "must not be 0"
            : movement.quantity() < 0 && "RECEIPT".equals(movement.kind()) ? "must be positive for a RECEIPT"
            : null;
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addPropertyNode("quantity").addConstraintViolation();
        return false;
    }
}
