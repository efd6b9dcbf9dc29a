package dev.atomicfunctions.platform.json;

import io.micronaut.serde.exceptions.SerdeException;

/**
 * A JSON value of the wrong type or form for the field it was sent in. Its message is written for the caller (it
 * becomes the field's message in the problem document); serde adds the field's path on its way out.
 */
public final class InvalidValueException extends SerdeException {

    InvalidValueException(String message) {
        super(message);
    }
}
