package dev.atomicfunctions.task;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** A cursor that this API did not issue. */
final class InvalidCursorException extends DomainException {
    InvalidCursorException() {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
            "The cursor is not one this API issued; start again without it.");
    }
}
