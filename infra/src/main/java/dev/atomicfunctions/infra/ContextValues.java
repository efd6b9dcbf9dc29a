package dev.atomicfunctions.infra;

import software.constructs.Construct;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How {@link StackSettings} reads a value from CDK context: {@code -c key=value} on the command line (a string), or a
 * JSON value in cdk.json (a string, a boolean, a number or an array). What a value may be is StackSettings' to say.
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

    /**
     * @return a strict true/false ({@code -c key=true} or a JSON boolean), false when absent: a typo ({@code yes},
     *     {@code ture}) is refused rather than read as false, which would quietly deploy the other choice
     */
    boolean flag(String key) {
        String value = string(key, "false").strip();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("context " + key + " must be true or false: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    /** @return a whole number ({@code -c key=16}, or a JSON number, which may arrive as 16.0), or null when absent */
    Integer wholeNumber(String key) {
        String value = string(key, null);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.strip()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("context " + key + " must be a whole number: " + value);
        }
    }

    /** @return a number ({@code -c key=0.5}, or a JSON number), or null when absent */
    Double decimal(String key) {
        String value = string(key, null);
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.strip()).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("context " + key + " must be a number: " + value);
        }
    }
}
