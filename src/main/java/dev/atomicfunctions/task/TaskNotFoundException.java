package dev.atomicfunctions.task;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** No task with this id belongs to the caller (whether it exists for someone else is not said). */
final class TaskNotFoundException extends DomainException {
    TaskNotFoundException() {
        super(HttpStatus.NOT_FOUND, "task-not-found", "Task not found", "No task with this id exists.");
    }
}
