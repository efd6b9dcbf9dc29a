package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** The key is empty, too long, or has characters other than visible ASCII. */
final class InvalidIdempotencyKeyException extends DomainException {
    InvalidIdempotencyKeyException() {
        super(ErrorKind.INVALID, "validation", "Invalid request",
            "Idempotency-Key must be 1 to 255 visible ASCII characters.");
    }
}
