package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** Another request with the same key committed while this one was running. */
final class IdempotentRequestInProgressException extends DomainException {
    IdempotentRequestInProgressException() {
        super(HttpStatus.CONFLICT, "idempotent-request-in-progress", "Request already in progress",
            "A request with this Idempotency-Key was processed at the same time; retry to get its answer.");
    }
}
