package dev.atomicfunctions.product;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * A stock movement in a product's history.
 *
 * @param quantity units, signed: positive into stock, negative out of it
 * @param reason   the administrator's reason (receipts and adjustments)
 * @param orderId  the order (reservations and releases)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record StockMovementView(UUID id,
                                MovementKind kind,
                                int quantity,
                                @Nullable String reason,
                                @Nullable UUID orderId,
                                Instant createdAt) {

    static StockMovementView of(StockMovement movement) {
        return new StockMovementView(movement.id(), movement.kind(), movement.quantity(), movement.reason(),
            movement.orderId(), movement.createdAt());
    }
}
