package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** The caller's If-Match names a version of the product that is no longer current. */
final class ProductVersionMismatchException extends DomainException {
    ProductVersionMismatchException() {
        super(ErrorKind.PRECONDITION_FAILED, "precondition-failed", "Product has changed",
            "The product no longer has the version given in If-Match; fetch it again and reapply the change.");
    }
}
