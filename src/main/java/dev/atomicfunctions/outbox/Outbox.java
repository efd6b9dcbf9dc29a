package dev.atomicfunctions.outbox;

import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;

/**
 * Announces a change by writing an {@code outbox_event} row in the caller's transaction: the event exists exactly
 * when the change committed, and is published afterwards (at least once; consumers de-duplicate by event id).
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class Outbox {

    private final OutboxRepository events;
    private final JsonMapper json;
    private final Clock clock;

    Outbox(OutboxRepository events, JsonMapper json, Clock clock) {
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param aggregateType what changed, for example {@code order}
     * @param aggregateId   its id
     * @param eventType     for example {@code order.placed}
     * @param payload       a serialisable record, the event's body
     * @return the event's id
     */
    public UUID append(String aggregateType, String aggregateId, String eventType, Object payload) {
        UUID id = UUID.randomUUID();
        try {
            events.insert(id, aggregateType, aggregateId, eventType, json.writeValueAsString(payload),
                clock.instant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return id;
    }
}
