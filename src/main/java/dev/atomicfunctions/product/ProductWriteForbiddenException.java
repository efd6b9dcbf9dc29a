package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** A caller who does not administer the catalogue tried to change it. */
final class ProductWriteForbiddenException extends DomainException {
    ProductWriteForbiddenException() {
        super(ErrorKind.FORBIDDEN, "forbidden", "Forbidden",
            "Only catalogue administrators may create or change products and their stock.");
    }
}
