package dev.atomicfunctions.task;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** A PATCH that names no field to change. */
final class EmptyPatchException extends DomainException {
    EmptyPatchException() {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
            "Give at least one of title, description or completed.");
    }
}
