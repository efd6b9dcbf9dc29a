package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/**
 * The database refused an item's data (a data exception or an integrity constraint, SQLState class 22 or 23) that
 * bean validation had let through. The caller learns only that: the database's own message names tables,
 * constraints and values, and stays in the log.
 */
final class TaskRefusedByDatabaseException extends DomainException {

    TaskRefusedByDatabaseException(Throwable cause) {
        super(ErrorKind.UNPROCESSABLE, "item-refused", "Item refused",
            "The database refused to store this item: it breaks a rule of the stored data. Nothing of it was written.",
            cause);
    }
}
