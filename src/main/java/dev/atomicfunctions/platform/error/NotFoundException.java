package dev.atomicfunctions.platform.error;

/** No such resource for this caller (absent, or another caller's): one failure, named by its entity. */
public final class NotFoundException extends DomainException {

    /** @param entity what was looked for, in words ("task", "stock movement") */
    public NotFoundException(String entity) {
        this(entity, "No " + entity + " with this id exists.");
    }

    /**
     * @param entity what was looked for, in words
     * @param detail the caller-safe explanation, when the entity's name alone does not say enough
     */
    public NotFoundException(String entity, String detail) {
        super(ErrorKind.NOT_FOUND, EntityNames.slug(entity) + "-not-found", EntityNames.title(entity) + " not found",
            detail);
    }
}
