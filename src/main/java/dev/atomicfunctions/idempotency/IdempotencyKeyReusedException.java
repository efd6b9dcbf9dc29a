package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** The key was already used, by this caller, for a different request. */
final class IdempotencyKeyReusedException extends DomainException {
    IdempotencyKeyReusedException() {
        super(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency key reused",
            "This Idempotency-Key was already used for a different request; use a new key for a new request.");
    }
}
