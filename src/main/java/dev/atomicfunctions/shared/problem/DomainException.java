package dev.atomicfunctions.shared.problem;

import io.micronaut.http.HttpStatus;

/**
 * Base of every domain error. Each concrete error is its own exception; all of them are mapped once, by
 * {@link DomainExceptionHandler}, to a problem document. The detail text is written for the caller and must
 * never contain internal information.
 */
public abstract class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;

    /**
     * @param status the HTTP status this error maps to
     * @param slug   the problem type slug, becoming {@code urn:atomic-functions:problem:<slug>}
     * @param title  short stable summary of the kind of problem
     * @param detail caller-safe explanation of this occurrence
     */
    protected DomainException(HttpStatus status, String slug, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = "urn:atomic-functions:problem:" + slug;
        this.title = title;
    }

    /** @return the HTTP status this error maps to */
    public HttpStatus status() {
        return status;
    }

    /** @return the problem type URI */
    public String type() {
        return type;
    }

    /** @return the problem title */
    public String title() {
        return title;
    }
}
