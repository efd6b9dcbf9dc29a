package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.platform.transaction.Command;
import dev.atomicfunctions.platform.transaction.EntryPoint;
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
    @Command
    public int purgeBatch(int limit) {
        return keys.purgeExpired(limit);
    }
}
