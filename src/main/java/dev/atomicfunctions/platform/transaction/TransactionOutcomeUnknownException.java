package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/**
 * The connection broke while the transaction was committing: it may or may not have committed, so it is never run
 * again blindly. A retry with the same idempotency key finds the stored answer if it did.
 */
final class TransactionOutcomeUnknownException extends DomainException {

    TransactionOutcomeUnknownException(Throwable cause) {
        super(ErrorKind.UNAVAILABLE, "outcome-unknown", "Outcome unknown",
            "The database connection broke while committing; the request may or may not have taken effect. "
                + "Retry with the same Idempotency-Key to find out, or check before repeating it.", cause);
    }
}
