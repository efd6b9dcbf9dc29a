package dev.atomicfunctions.http.problem;

import dev.atomicfunctions.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Problem documents of one part of a request, such as an item of a batch: built exactly as the error response of a
 * request of its own would be (the same type, title, status, detail and members, the status from
 * {@link ProblemStatus}), without {@code instance} and {@code correlationId}, which belong to the whole request.
 */
public final class Problems {

    static final String VALIDATION_TYPE = "urn:atomic-functions:problem:validation";
    static final String VALIDATION_TITLE = "Invalid request";
    static final String VALIDATION_DETAIL = "One or more fields are invalid.";

    private Problems() {
    }

    /** @return the problem of a domain error: caller-safe texts only, its kind mapped to a status */
    public static Problem of(DomainException error) {
        return new Problem(error.type(), error.title(), ProblemStatus.of(error.kind()).getCode(), error.getMessage(),
            null, null, null, error.extensions());
    }

    /** @return a validation problem (400) listing every invalid field, named as the caller sent it */
    public static Problem invalid(Collection<? extends ConstraintViolation<?>> violations) {
        return new Problem(VALIDATION_TYPE, VALIDATION_TITLE, 400, VALIDATION_DETAIL, null, null,
            fieldErrors(violations), null);
    }

    /**
     * @param refusal what reading a JSON value refused (serde's failure), or null for a value that is no object
     * @return a validation problem (400) naming the field as the caller sent it, as for a body
     */
    public static Problem unreadable(@Nullable Throwable refusal) {
        List<Problem.FieldError> errors = refusal == null ? List.of()
            : BodyFieldErrors.of(refusal).map(List::of).orElse(List.of());
        return new Problem(VALIDATION_TYPE, VALIDATION_TITLE, 400,
            errors.isEmpty() ? "The value is not a JSON object of the documented shape." : VALIDATION_DETAIL,
            null, null, errors, null);
    }

    /**
     * Bean validation names a field by its path, such as {@code create.body.title} or
     * {@code create.body.items[1].<list element>}: the caller knows them as {@code title} and {@code items[1]} (the
     * way {@link BodyFieldErrors} names a field too), and a query parameter ({@code list.limit}) by its name. Sorted
     * by field, then message, so that the same input always gives the same document.
     */
    static List<Problem.FieldError> fieldErrors(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
            .map(v -> new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
            .toList();
    }

    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = "";
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> field.setLength(0);
                case PARAMETER -> {
                    field.setLength(0);
                    parameter = node.getName();
                }
                default -> {
                    if (node.isInIterable()) {
                        field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                    }
                    if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
            }
        }
        return field.isEmpty() ? parameter : field.toString();
    }
}
