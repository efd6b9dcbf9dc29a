package dev.atomicfunctions.platform.invocation;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** A caller who is no administrator asked for what only administrators may do. */
final class NotAnAdministratorException extends DomainException {
    NotAnAdministratorException() {
        super(ErrorKind.FORBIDDEN, "forbidden", "Forbidden",
            "Only administrators may create or change the catalogue: products and their stock.");
    }
}
