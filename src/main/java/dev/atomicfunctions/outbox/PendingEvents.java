package dev.atomicfunctions.outbox;

import dev.atomicfunctions.platform.database.DatabaseEngine;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The outbox's pending events, in the caller's transaction. */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
class PendingEvents {

    private final OutboxRepository events;
    private final Clock clock;
    private final DatabaseEngine engine;

    PendingEvents(OutboxRepository events, Clock clock, DatabaseEngine engine) {
        this.events = events;
        this.clock = clock;
        this.engine = engine;
    }

    /** Claims up to {@code size} events, oldest first, one per aggregate at most, skipping those held elsewhere. */
    List<OutboxEvent> claim(int size) {
        return engine.locksRowsBeforeWriting() ? events.claimPending(size) : events.findPending(size);
    }

    void markPublished(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            events.markPublished(ids, clock.instant());
        }
    }

    long count() {
        return events.countPending();
    }
}
