package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

import java.util.Map;

/**
 * A stock movement would take the stock above the most a product can hold (the stock column's integer range); the
 * problem carries the stock there is. Refused before the database would fail on the sum.
 */
public final class StockLimitException extends DomainException {

    /** The most units of one product in stock. */
    public static final long MAX_STOCK = Integer.MAX_VALUE;

    private final int available;

    StockLimitException(int available) {
        super(ErrorKind.CONFLICT, "stock-limit", "Stock limit",
            "The stock would exceed " + MAX_STOCK + " units; " + available + " in stock.");
        this.available = available;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("available", available);
    }
}
