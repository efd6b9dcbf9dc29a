package dev.atomicfunctions.platform.error;

import java.util.Map;

/**
 * Base of every domain error. Each concrete error is its own exception with a {@link ErrorKind}, or one generic
 * exception named by its entity where only the entity's name differs ({@link NotFoundException},
 * {@link VersionMismatchException}, {@link ConcurrentlyModifiedException}, {@link EmptyPatchException}); the edges
 * map kinds, never concrete classes. The detail text is written for the caller and must never contain internal
 * information.
 */
public abstract class DomainException extends RuntimeException {

    private final ErrorKind kind;
    private final String type;
    private final String title;

    /**
     * @param kind   what kind of failure this is
     * @param slug   the problem type slug, becoming {@code urn:atomic-functions:problem:<slug>}
     * @param title  short stable summary of the kind of problem
     * @param detail caller-safe explanation of this occurrence
     */
    protected DomainException(ErrorKind kind, String slug, String title, String detail) {
        this(kind, slug, title, detail, null);
    }

    /**
     * @param cause the failure behind it, for the logs (never shown to the caller)
     */
    protected DomainException(ErrorKind kind, String slug, String title, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
        this.type = "urn:atomic-functions:problem:" + slug;
        this.title = title;
    }

    /**
     * The same failure said in an edge's terms (with members of its own): the same kind, type, title and detail, the
     * domain's failure as its cause.
     */
    protected DomainException(DomainException failure) {
        super(failure.getMessage(), failure, false, false);
        this.kind = failure.kind;
        this.type = failure.type;
        this.title = failure.title;
    }

    /** @return what kind of failure this is */
    public ErrorKind kind() {
        return kind;
    }

    /** @return the problem type URI */
    public String type() {
        return type;
    }

    /** @return the problem title */
    public String title() {
        return title;
    }

    /** @return further caller-safe members of the problem (for example the conflicting resource); none by default */
    public Map<String, Object> extensions() {
        return Map.of();
    }
}
