package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** No task with this id belongs to the caller (whether it exists for someone else is not said). */
final class TaskNotFoundException extends DomainException {
    TaskNotFoundException() {
        super(ErrorKind.NOT_FOUND, "task-not-found", "Task not found", "No task with this id exists.");
    }
}
