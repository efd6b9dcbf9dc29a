package dev.atomicfunctions.platform.messaging;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** A message whose payload cannot be read or breaks the rules of its command: resending it cannot succeed. */
public final class InvalidPayloadException extends DomainException {

    InvalidPayloadException(String detail) {
        super(ErrorKind.INVALID, "invalid-payload", "Invalid message payload", detail);
    }
}
