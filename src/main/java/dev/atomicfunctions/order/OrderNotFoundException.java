package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** No order with this id belongs to the caller (whether it exists for someone else is not said). */
final class OrderNotFoundException extends DomainException {
    OrderNotFoundException() {
        super(ErrorKind.NOT_FOUND, "order-not-found", "Order not found",
            "No order with this id exists.");
    }
}
