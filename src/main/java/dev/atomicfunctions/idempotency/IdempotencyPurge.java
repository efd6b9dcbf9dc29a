package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.platform.transaction.EntryPoint;
import dev.atomicfunctions.platform.transaction.ReadCommitted;
import dev.atomicfunctions.platform.transaction.RetryTransaction;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** The purge job's entry point: each bounded batch of expired records is deleted in a transaction of its own. */
@EntryPoint
@Singleton
public class IdempotencyPurge {

    private final IdempotencyKeys keys;

    IdempotencyPurge(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** @return how many records this batch deleted */
    @Transactional
    @ReadCommitted
    @RetryTransaction
    public int purgeBatch(int limit) {
        return keys.purgeExpired(limit);
    }
}
