package dev.atomicfunctions.product;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to {@code POST /products/{id}/stock-movements}: the movement as stored.
 *
 * @param quantity units, signed: positive into stock, negative out of it
 * @param stock    the product's stock right after this movement
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RecordedMovement(UUID id,
                               MovementKind kind,
                               int quantity,
                               String reason,
                               Instant createdAt,
                               int stock) {

    static RecordedMovement of(StockMovement movement, int stock) {
        return new RecordedMovement(movement.id(), movement.kind(), movement.quantity(), movement.reason(),
            movement.createdAt(), stock);
    }
}
