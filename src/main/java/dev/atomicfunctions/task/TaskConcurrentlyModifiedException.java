package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** Another request changed or removed the task between this request's read and its write. */
final class TaskConcurrentlyModifiedException extends DomainException {
    TaskConcurrentlyModifiedException() {
        super(ErrorKind.CONFLICT, "concurrent-modification", "Task changed concurrently",
            "Another request changed this task at the same time; fetch it again and reapply the change.");
    }
}
