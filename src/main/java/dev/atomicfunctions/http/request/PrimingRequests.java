package dev.atomicfunctions.http.request;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.function.Function;

/**
 * What a feature's HTTP adapter sends through the API during priming ({@link Priming}), in a dry
 * run as a system subject: every write rolls back, nothing reaches a queue. The requests should take the feature's
 * usual paths (a read, a write that succeeds, one that is refused) so that the snapshot holds them compiled. Adapters
 * are asked in their {@code @Order}.
 */
public interface PrimingRequests {

    /** @return requests sent each on its own (its own transaction), in this order */
    List<PrimingRequest> alone();

    /**
     * @return requests sent after every adapter's {@link #alone()}, in this order and in one transaction, so that a
     *     later one may use what an earlier one created (no one else sees it, nor waits for its locks); each is made
     *     from the body the one before it answered (null for the first)
     */
    default List<Function<String, PrimingRequest>> together() {
        return List.of();
    }

    /** What a priming request asks, and the status it answers when the path works as it should. */
    record PrimingRequest(String method, String path, @Nullable String body, int expectedStatus) {
    }
}
