package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** The total overflows. */
final class OrderTotalTooLargeException extends DomainException {
    OrderTotalTooLargeException() {
        super(ErrorKind.UNPROCESSABLE, "order-total-too-large", "Order total too large",
            "The order's total does not fit in a 64-bit number of minor units.");
    }
}
