package dev.atomicfunctions.outbox;

import dev.atomicfunctions.platform.transaction.EntryPoint;
import dev.atomicfunctions.platform.transaction.ReadCommitted;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Relays one batch of pending outbox events per transaction: claims them ({@code FOR UPDATE SKIP LOCKED}, so relays
 * running at once share the work instead of sending it twice), sends them, marks those the queue accepted as
 * published, commits. A relay that dies after sending and before committing leaves them pending: they are sent
 * again, and the queue's de-duplication and the consumers' (by event id) make that harmless. Not retried: a batch
 * that fails leaves its events pending for the next drain, and a retry would overrun the after-commit relay's budget.
 */
@EntryPoint
@Singleton
class OutboxRelay {

    private final PendingEvents events;
    private final QueuePublisher publisher;

    OutboxRelay(PendingEvents events, QueuePublisher publisher) {
        this.events = events;
        this.publisher = publisher;
    }

    /**
     * @param size  the most events to claim
     * @param sendWithin how long the call to the queue may take (the drain's budget left): a relay never overruns it
     * @return how many events this batch claimed and how many the queue accepted
     */
    @Transactional
    @ReadCommitted
    Batch relayBatch(int size, Duration sendWithin) {
        List<OutboxEvent> claimed = events.claim(size);
        if (claimed.isEmpty()) {
            return new Batch(0, 0);
        }
        Set<UUID> published = publisher.publish(claimed, sendWithin);
        events.markPublished(published);
        return new Batch(claimed.size(), published.size());
    }

    /** @return events not yet published */
    @ReadOnly
    long pending() {
        return events.count();
    }

    /** What one batch did. */
    record Batch(int claimed, int published) {
    }
}
