package dev.atomicfunctions.platform.paging;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** A cursor that this API did not issue. */
public final class InvalidCursorException extends DomainException {
    InvalidCursorException() {
        super(ErrorKind.INVALID, "validation", "Invalid request",
            "The cursor is not one this API issued; start again without it.");
    }
}
