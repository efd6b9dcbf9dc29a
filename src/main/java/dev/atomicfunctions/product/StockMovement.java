package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.paging.Positioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * One change of a product's stock, signed: the stock is always the sum of its product's movements.
 *
 * @param id        the movement's id
 * @param productId the product
 * @param kind      why
 * @param quantity  units, positive into stock, negative out of it
 * @param reason    the administrator's reason (receipts and adjustments)
 * @param orderId   the order (reservations and releases)
 * @param actor     who caused it
 * @param createdAt when
 */
@MappedEntity("stock_movement")
public record StockMovement(@Id UUID id,
                            UUID productId,
                            MovementKind kind,
                            int quantity,
                            @Nullable String reason,
                            @Nullable UUID orderId,
                            String actor,
                            Instant createdAt) implements Positioned {
}
