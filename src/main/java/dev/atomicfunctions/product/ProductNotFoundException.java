package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** No product with this id. */
public final class ProductNotFoundException extends DomainException {
    ProductNotFoundException() {
        super(ErrorKind.NOT_FOUND, "product-not-found", "Product not found", "No product with this id exists.");
    }
}
