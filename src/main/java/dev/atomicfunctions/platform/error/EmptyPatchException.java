package dev.atomicfunctions.platform.error;

import java.util.Arrays;

/** A PATCH that names nothing to change: one failure, saying what the resource can change. */
public final class EmptyPatchException extends DomainException {

    /** @param fields the members a PATCH of this resource may change, at least one */
    public EmptyPatchException(String... fields) {
        super(ErrorKind.INVALID, "validation", "Invalid request", detail(fields));
    }

    private static String detail(String... fields) {
        if (fields.length == 1) {
            return "Give the " + fields[0] + " to change.";
        }
        return "Give at least one of " + String.join(", ", Arrays.copyOf(fields, fields.length - 1)) + " or "
            + fields[fields.length - 1] + ".";
    }
}
