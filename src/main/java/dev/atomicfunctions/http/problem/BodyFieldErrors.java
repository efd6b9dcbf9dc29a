package dev.atomicfunctions.http.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import dev.atomicfunctions.platform.json.InvalidValueException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.PropertyReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;

import java.util.Optional;

/** Names the body field a JSON reading error is about, as the caller wrote it ({@code lines[2].quantity}). */
final class BodyFieldErrors {

    private BodyFieldErrors() {
    }

    /**
     * A value serde refused carries the properties it passed through on its way out of the body, innermost first.
     * A field named twice is refused by the JSON parser (strict duplicate detection), whose context is the field.
     */
    static Optional<Problem.FieldError> of(Throwable error) {
        SerdeException refused = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException json && json.getOriginalMessage().startsWith("Duplicate field")
                && json.getProcessor() instanceof JsonParser parser) {
                return Optional.of(new Problem.FieldError(jsonPath(parser.getParsingContext()),
                    "must not appear more than once"));
            }
            if (refused == null && t instanceof SerdeException serde && !serde.getPath().isEmpty()) {
                refused = serde;
            }
        }
        if (refused == null) {
            return Optional.empty();
        }
        StringBuilder field = new StringBuilder();
        for (ReferencePath step : refused.getPath().reversed()) {
            switch (step) {
                case PropertyReferencePath p -> field.append(field.isEmpty() ? "" : ".").append(p.property().getName());
                case CollectionItemReferencePath c -> field.append('[').append(c.index()).append(']');
                case MapItemReferencePath m -> field.append(field.isEmpty() ? "" : ".").append(m.key());
            }
        }
        return Optional.of(new Problem.FieldError(field.toString(),
            refused instanceof InvalidValueException ? refused.getMessage() : "has an invalid value"));
    }

    private static String jsonPath(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            path.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        return path.isEmpty() || path.charAt(0) != '.' ? path.toString() : path.substring(1);
    }
}
