package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** No stock movement with this id in this product's history. */
public final class StockMovementNotFoundException extends DomainException {
    StockMovementNotFoundException() {
        super(ErrorKind.NOT_FOUND, "stock-movement-not-found", "Stock movement not found",
            "No stock movement with this id exists for this product.");
    }
}
