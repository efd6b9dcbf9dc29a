package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.paging.Positioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** An order row ({@code customer_order}: "order" is a reserved word). */
@MappedEntity("customer_order")
record Order(@Id UUID id,
             String ownerId,
             OrderStatus status,
             String currency,
             long totalMinor,
             @Nullable String note,
             Instant createdAt,
             Instant updatedAt,
             long version) implements Positioned {
}
