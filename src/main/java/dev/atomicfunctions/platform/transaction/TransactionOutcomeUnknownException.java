package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/**
 * The connection broke while the transaction was committing and the database could not be asked, within the
 * invocation's time, whether it committed: it may or may not have. It is never run again blindly, and never audited
 * as failed (it may have succeeded). A retry with the same idempotency key finds the stored answer if it did.
 */
public final class TransactionOutcomeUnknownException extends DomainException {

    TransactionOutcomeUnknownException(Throwable cause) {
        super(ErrorKind.UNAVAILABLE, "outcome-unknown", "Outcome unknown",
            "The database connection broke while committing and the database could not be asked in time whether "
                + "the request took effect; it may or may not have. Retry after the indicated delay with the same "
                + "Idempotency-Key (a key makes the retry safe: it replays the answer if the request took effect), "
                + "or check before repeating a request sent without one.", cause);
    }
}
