package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/**
 * Another request changed the product (its stock included) between this request's read and its write.
 */
final class ProductConcurrentlyModifiedException extends DomainException {
    ProductConcurrentlyModifiedException() {
        super(ErrorKind.CONFLICT, "concurrent-modification", "Product changed concurrently",
            "Another request changed this product at the same time; fetch it again and reapply the change.");
    }
}
