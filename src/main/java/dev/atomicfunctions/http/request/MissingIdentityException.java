package dev.atomicfunctions.http.request;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** The request carries no verified identity (no authorizer, or no {@code sub} claim). */
final class MissingIdentityException extends DomainException {

    MissingIdentityException() {
        super(ErrorKind.UNAUTHENTICATED, "unauthenticated", "Authentication required",
            "This API needs a bearer token whose subject identifies the caller.");
    }
}
