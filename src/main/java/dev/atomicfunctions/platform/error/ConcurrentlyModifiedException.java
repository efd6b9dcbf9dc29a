package dev.atomicfunctions.platform.error;

/**
 * Another request changed or removed the resource between this request's read and its write: one failure, named by
 * its entity.
 */
public final class ConcurrentlyModifiedException extends DomainException {

    /** @param entity the resource, in words ("task", "order") */
    public ConcurrentlyModifiedException(String entity) {
        super(ErrorKind.CONFLICT, "concurrent-modification", EntityNames.title(entity) + " changed concurrently",
            "Another request changed this " + entity + " at the same time; fetch it again and reapply the change.");
    }
}
