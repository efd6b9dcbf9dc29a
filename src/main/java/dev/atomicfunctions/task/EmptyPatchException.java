package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** A PATCH that names no field to change. */
final class EmptyPatchException extends DomainException {
    EmptyPatchException() {
        super(ErrorKind.INVALID, "validation", "Invalid request",
            "Give at least one of title, description or completed.");
    }
}
