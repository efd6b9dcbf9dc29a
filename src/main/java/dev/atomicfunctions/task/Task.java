package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.paging.Positioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A task row. Timestamps are kept at microsecond precision, PostgreSQL's, so what is returned is what is stored.
 * {@code orderId} links a fulfilment task to its order (null for every other task): the order's end cancels it.
 */
@MappedEntity("task")
record Task(@Id UUID id,
            String ownerId,
            String title,
            @Nullable String description,
            boolean completed,
            Instant createdAt,
            Instant updatedAt,
            long version,
            @Nullable UUID orderId) implements Positioned {
}
