package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** Another request changed or removed the order between this request's read and its write. */
final class OrderConcurrentlyModifiedException extends DomainException {
    OrderConcurrentlyModifiedException() {
        super(ErrorKind.CONFLICT, "concurrent-modification", "Order changed concurrently",
            "Another request changed this order at the same time; fetch it again and reapply the change.");
    }
}
