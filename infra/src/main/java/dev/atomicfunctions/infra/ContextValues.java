package dev.atomicfunctions.infra;

import software.constructs.Construct;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How {@link StackSettings} reads a value from CDK context: {@code -c key=value} on the command line (a string), or a
 * JSON value in cdk.json (a string, a boolean or an array). What a value may be is StackSettings' to say.
 */
final class ContextValues {

    private final Construct scope;

    ContextValues(Construct scope) {
        this.scope = scope;
    }

    /** @return the value as text, or {@code fallback} when absent */
    String string(String key, String fallback) {
        Object value = scope.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    /** @return a list: {@code -c key=a,b} on the command line, or a JSON array in cdk.json; null when absent */
    String list(String key) {
        Object value = scope.getNode().tryGetContext(key);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value == null ? null : value.toString();
    }
}
