package dev.atomicfunctions.platform.validation;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import io.micronaut.validation.validator.constraints.ConstraintValidatorContext;
import jakarta.inject.Singleton;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

/** Validates {@link CurrencyCode} against the JDK's list of currencies, read once. */
@Singleton
final class CurrencyCodeValidator implements ConstraintValidator<CurrencyCode, CharSequence> {

    private final Set<String> codes = Currency.getAvailableCurrencies().stream()
        .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    @Override
    public boolean isValid(@Nullable CharSequence value, AnnotationValue<CurrencyCode> annotation,
                           ConstraintValidatorContext context) {
        return value == null || codes.contains(value.toString());
    }
}
