package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** Two lines name the same product (perhaps once by id and once by SKU). */
final class DuplicateOrderLineException extends DomainException {
    DuplicateOrderLineException() {
        super(ErrorKind.INVALID, "validation", "Invalid request",
            "Each product may appear on one line only; add the quantities up.");
    }
}
