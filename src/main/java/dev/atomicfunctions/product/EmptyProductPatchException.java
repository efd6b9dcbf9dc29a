package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** A PATCH that names no field to change. */
final class EmptyProductPatchException extends DomainException {
    EmptyProductPatchException() {
        super(ErrorKind.INVALID, "validation", "Invalid request", "Give at least one of name or priceMinor.");
    }
}
