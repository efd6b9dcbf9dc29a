package dev.atomicfunctions.queue;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

/** No handler knows this message type, or this version of it. */
final class UnknownMessageException extends DomainException {

    UnknownMessageException(String type, int version) {
        super(ErrorKind.UNPROCESSABLE, "unknown-message", "Unknown message",
            "No handler for " + type + " version " + version + ".");
    }
}
