package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

import java.util.Map;

/** A stock movement would take the stock below zero; the problem carries the stock available. */
public final class InsufficientStockException extends DomainException {

    private final int available;

    InsufficientStockException(int available) {
        super(ErrorKind.CONFLICT, "insufficient-stock", "Insufficient stock",
            "The stock would go below zero; " + available + " available.");
        this.available = available;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("available", available);
    }
}
