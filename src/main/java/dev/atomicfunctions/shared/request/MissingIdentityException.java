package dev.atomicfunctions.shared.request;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** The request carries no verified identity (no authorizer, or no {@code sub} claim). */
final class MissingIdentityException extends DomainException {

    MissingIdentityException() {
        super(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
            "This API needs a bearer token whose subject identifies the caller.");
    }
}
