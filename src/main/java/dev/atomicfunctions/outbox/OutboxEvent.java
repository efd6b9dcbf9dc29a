package dev.atomicfunctions.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.UUID;

/**
 * An event to publish, written in the transaction of the change it announces (transactional outbox).
 *
 * @param id            the event's id: consumers de-duplicate by it
 * @param aggregateType what changed, for example {@code order}
 * @param aggregateId   its id: events of one aggregate are published in commit order
 * @param eventType     for example {@code order.placed}
 * @param payload       the event's JSON
 * @param createdAt     when the change committed (to the microsecond)
 * @param publishedAt   when it reached the queue; {@code null} while pending
 */
@MappedEntity("outbox_event")
record OutboxEvent(@Id UUID id,
                   String aggregateType,
                   String aggregateId,
                   String eventType,
                   @TypeDef(type = DataType.JSON) String payload,
                   Instant createdAt,
                   @Nullable Instant publishedAt) {
}
