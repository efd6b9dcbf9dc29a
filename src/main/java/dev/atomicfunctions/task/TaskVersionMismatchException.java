package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** The caller's If-Match names a version that is no longer current. */
final class TaskVersionMismatchException extends DomainException {
    TaskVersionMismatchException() {
        super(ErrorKind.PRECONDITION_FAILED, "precondition-failed", "Task has changed",
            "The task no longer has the version given in If-Match; fetch it again and reapply the change.");
    }
}
