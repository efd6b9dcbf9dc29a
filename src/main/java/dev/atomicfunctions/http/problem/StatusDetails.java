package dev.atomicfunctions.http.problem;

import io.micronaut.http.HttpStatus;

/** Fixed, caller-safe detail texts for errors that carry no domain explanation. */
final class StatusDetails {

    private StatusDetails() {
    }

    static String of(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request could not be read: check that the body is valid JSON of the documented "
                + "shape and that parameters have the documented types.";
            case NOT_FOUND -> "No resource exists at this path.";
            case METHOD_NOT_ALLOWED -> "This resource does not support the request method.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body must be sent as application/json.";
            case NOT_ACCEPTABLE -> "The resource cannot be represented in the requested media type.";
            case REQUEST_ENTITY_TOO_LARGE -> "The request body is larger than this API accepts.";
            case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable; retry after the indicated delay.";
            default -> status.getCode() >= 500
                ? "An unexpected error occurred; quote the correlation id when reporting it."
                : status.getReason();
        };
    }
}
