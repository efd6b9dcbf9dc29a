package dev.atomicfunctions.queue;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** The message body is not an envelope this consumer reads: it fails alone, and redelivering it cannot help. */
final class MalformedMessageException extends DomainException {

    MalformedMessageException(String detail) {
        super(ErrorKind.INVALID, "malformed-message", "Malformed message", detail);
    }
}
