package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** Another request with the same key committed while this one was running. */
final class IdempotentRequestInProgressException extends DomainException {
    IdempotentRequestInProgressException() {
        super(ErrorKind.CONFLICT, "idempotent-request-in-progress", "Request already in progress",
            "A request with this Idempotency-Key was processed at the same time; retry to get its answer.");
    }
}
