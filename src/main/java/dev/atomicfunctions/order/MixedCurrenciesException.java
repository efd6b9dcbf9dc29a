package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

import java.util.List;
import java.util.Map;

/** The products are priced in different currencies; an order is paid in one ({@code currencies} lists them). */
final class MixedCurrenciesException extends DomainException {

    private final List<String> currencies;

    MixedCurrenciesException(List<String> currencies) {
        super(ErrorKind.UNPROCESSABLE, "mixed-currencies", "Mixed currencies",
            "An order is paid in one currency; these products are priced in " + String.join(", ", currencies) + ".");
        this.currencies = List.copyOf(currencies);
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("currencies", currencies);
    }
}
