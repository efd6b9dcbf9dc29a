package dev.atomicfunctions.http.request;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** The request body is over the configured limit. */
final class PayloadTooLargeException extends DomainException {

    PayloadTooLargeException(long limit) {
        super(ErrorKind.TOO_LARGE, "payload-too-large", "Request body too large",
            "The request body must not exceed " + limit + " bytes.");
    }
}
