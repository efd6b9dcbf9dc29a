package dev.atomicfunctions.queue;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Reads a message body {@code {"type", "version", "id", "subject", "correlationId", "payload": {...}}} strictly:
 * anything else is a malformed message, which fails alone.
 */
@Singleton
final class EnvelopeReader {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9-]*)+");
    private static final Pattern ID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final JsonMapper json;

    EnvelopeReader(JsonMapper json) {
        this.json = json;
    }

    Envelope read(String body) {
        try {
            JsonNode root = json.readValue(body, JsonNode.class);
            if (root == null || !root.isObject()) {
                throw new MalformedMessageException("the body is not a JSON object");
            }
            String type = text(root, "type", true);
            if (!TYPE.matcher(type).matches()) {
                throw new MalformedMessageException("the type is not a message type");
            }
            JsonNode version = root.get("version");
            if (version == null || !version.isNumber() || version.getNumberValue().doubleValue() % 1 != 0) {
                throw new MalformedMessageException("the version is not an integer");
            }
            JsonNode payload = root.get("payload");
            if (payload == null || !payload.isObject()) {
                throw new MalformedMessageException("the payload is not a JSON object");
            }
            String id = text(root, "id", false);
            if (id != null && !ID.matcher(id).matches()) {
                throw new MalformedMessageException("the id is not 1 to 255 visible ASCII characters");
            }
            return new Envelope(type, version.getIntValue(), id, text(root, "subject", false),
                text(root, "correlationId", false), json.writeValueAsString(payload));
        } catch (IOException | RuntimeException e) {
            throw e instanceof MalformedMessageException malformed ? malformed
                : new MalformedMessageException("the body is not JSON");
        }
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new MalformedMessageException("the " + field + " is missing");
            }
            return null;
        }
        if (!node.isString()) {
            throw new MalformedMessageException("the " + field + " is not a string");
        }
        return node.getStringValue();
    }
}
