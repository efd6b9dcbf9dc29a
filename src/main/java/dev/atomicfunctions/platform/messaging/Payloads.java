package dev.atomicfunctions.platform.messaging;

import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a message's payload as strictly as an HTTP body is read (same JSON readers, same bean validation), so that
 * a command through the queue obeys exactly the rules of the same command through the API.
 */
@Singleton
public final class Payloads {

    private final JsonMapper json;
    private final Validator validator;

    Payloads(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * A command acts for a subject; only events act as the system.
     *
     * @throws InvalidPayloadException when the invocation has no subject of its own
     */
    public void requireSubject(Invocation invocation) {
        if (invocation.subject().startsWith(Invocation.SYSTEM_PREFIX)) {
            throw new InvalidPayloadException("a command needs the subject it acts for");
        }
    }

    /**
     * @throws InvalidPayloadException when the JSON cannot be read as {@code type} or breaks its constraints
     */
    public <T> T read(String payload, Class<T> type) {
        T value;
        try {
            value = json.readValue(payload, type);
        } catch (IOException | RuntimeException e) {
            throw new InvalidPayloadException("the payload is not a valid " + type.getSimpleName());
        }
        if (value == null) {
            throw new InvalidPayloadException("the payload is missing");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new InvalidPayloadException(violations.stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .sorted(Comparator.naturalOrder())
                .collect(Collectors.joining("; ")));
        }
        return value;
    }
}
