package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

import java.util.List;

/** A batch sent all or nothing ({@code atomic}) in which at least one item failed: nothing of it is written. */
public final class TaskBatchRejectedException extends DomainException {

    private final transient List<TaskBatchItem> failures;

    TaskBatchRejectedException(List<TaskBatchItem> failures) {
        super(ErrorKind.UNPROCESSABLE, "batch-rejected", "Batch rejected",
            (failures.size() == 1 ? "An item" : failures.size() + " items") + " failed and the batch was sent with "
                + "atomic=true: nothing was written. Each failure is listed with its problem.");
        this.failures = List.copyOf(failures);
    }

    /** @return every failed item, in the order sent */
    public List<TaskBatchItem> failures() {
        return failures;
    }
}
