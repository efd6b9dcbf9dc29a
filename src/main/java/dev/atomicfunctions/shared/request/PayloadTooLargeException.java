package dev.atomicfunctions.shared.request;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** The request body is over the configured limit. */
final class PayloadTooLargeException extends DomainException {

    PayloadTooLargeException(long limit) {
        super(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "Request body too large",
            "The request body must not exceed " + limit + " bytes.");
    }
}
