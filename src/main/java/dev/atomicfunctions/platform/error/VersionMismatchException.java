package dev.atomicfunctions.platform.error;

/** If-Match names a version the resource no longer has: one failure, named by its entity. */
public final class VersionMismatchException extends DomainException {

    /** @param entity the resource, in words ("task", "order") */
    public VersionMismatchException(String entity) {
        super(ErrorKind.PRECONDITION_FAILED, "precondition-failed", EntityNames.title(entity) + " has changed",
            "The " + entity + " no longer has the version given in If-Match; fetch it again and reapply the change.");
    }
}
