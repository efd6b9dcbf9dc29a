package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** A PATCH that names no field to change. */
final class EmptyOrderPatchException extends DomainException {
    EmptyOrderPatchException() {
        super(ErrorKind.INVALID, "validation", "Invalid request",
            "Give the note to change.");
    }
}
