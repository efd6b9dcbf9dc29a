package dev.atomicfunctions.task;

import dev.atomicfunctions.shared.problem.DomainException;
import io.micronaut.http.HttpStatus;

/** The caller's If-Match names a version that is no longer current. */
final class TaskVersionMismatchException extends DomainException {
    TaskVersionMismatchException() {
        super(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Task has changed",
            "The task no longer has the version given in If-Match; fetch it again and reapply the change.");
    }
}
