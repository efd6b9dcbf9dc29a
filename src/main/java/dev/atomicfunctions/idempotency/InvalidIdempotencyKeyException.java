package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** The key is empty, too long, or has characters other than visible ASCII. */
final class InvalidIdempotencyKeyException extends DomainException {
    InvalidIdempotencyKeyException() {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
            "Idempotency-Key must be 1 to 255 visible ASCII characters.");
    }
}
