package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** The key was already used, by this caller, for a different request. */
final class IdempotencyKeyReusedException extends DomainException {
    IdempotencyKeyReusedException() {
        super(ErrorKind.UNPROCESSABLE, "idempotency-key-reused", "Idempotency key reused",
            "This Idempotency-Key was already used for a different request; use a new key for a new request.");
    }
}
