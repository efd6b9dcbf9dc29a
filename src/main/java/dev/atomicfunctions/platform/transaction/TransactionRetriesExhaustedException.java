package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** Every attempt allowed (by count or by the time left) lost to contention or to the connection: nothing was written. */
final class TransactionRetriesExhaustedException extends DomainException {

    TransactionRetriesExhaustedException(TransientFailure reason, Throwable last) {
        super(reason == TransientFailure.CONTENTION ? ErrorKind.CONFLICT : ErrorKind.UNAVAILABLE,
            reason == TransientFailure.CONTENTION ? "contention" : "database-unavailable",
            reason == TransientFailure.CONTENTION ? "Too much contention" : "Database unavailable",
            reason == TransientFailure.CONTENTION
                ? "Concurrent requests on the same data kept winning; nothing was written. Retry the request."
                : "The database connection kept failing; nothing was written. Retry after the indicated delay.",
            last);
    }
}
