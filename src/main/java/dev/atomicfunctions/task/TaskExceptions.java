package dev.atomicfunctions.task;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** No task with this id belongs to the caller (whether it exists for someone else is not said). */
final class TaskNotFoundException extends DomainException {
    TaskNotFoundException() {
        super(HttpStatus.NOT_FOUND, "task-not-found", "Task not found", "No task with this id exists.");
    }
}

/** The caller's If-Match names a version that is no longer current. */
final class TaskVersionMismatchException extends DomainException {
    TaskVersionMismatchException() {
        super(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Task has changed",
            "The task no longer has the version given in If-Match; fetch it again and reapply the change.");
    }
}

/** Another request changed or removed the task between this request's read and its write. */
final class TaskConcurrentlyModifiedException extends DomainException {
    TaskConcurrentlyModifiedException() {
        super(HttpStatus.CONFLICT, "concurrent-modification", "Task changed concurrently",
            "Another request changed this task at the same time; fetch it again and reapply the change.");
    }
}

/** A PATCH that names no field to change. */
final class EmptyPatchException extends DomainException {
    EmptyPatchException() {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
            "Give at least one of title, description or completed.");
    }
}

/** A cursor that this API did not issue. */
final class InvalidCursorException extends DomainException {
    InvalidCursorException() {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
            "The cursor is not one this API issued; start again without it.");
    }
}
