package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** The caller's If-Match names a version that is no longer current. */
final class OrderVersionMismatchException extends DomainException {
    OrderVersionMismatchException() {
        super(ErrorKind.PRECONDITION_FAILED, "precondition-failed", "Order has changed",
            "The order no longer has the version given in If-Match; fetch it again and reapply the change.");
    }
}
