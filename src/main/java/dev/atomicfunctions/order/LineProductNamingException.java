package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** A line that names its product by both id and SKU, or by neither. */
final class LineProductNamingException extends DomainException {
    LineProductNamingException() {
        super(ErrorKind.INVALID, "validation", "Invalid request",
            "Each line names its product by productId or by sku, exactly one of them.");
    }
}
