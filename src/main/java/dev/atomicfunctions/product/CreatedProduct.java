package dev.atomicfunctions.product;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * The answer to {@code POST /products}: the product as stored, and the receipt that brought in its initial stock.
 *
 * @param initialReceipt the first stock movement; absent when the product was created without stock
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CreatedProduct(UUID id,
                             String sku,
                             String name,
                             long priceMinor,
                             String currency,
                             int stock,
                             Instant createdAt,
                             Instant updatedAt,
                             long version,
                             @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(nullable = false)
                             @Nullable InitialReceipt initialReceipt) {

    /**
     * The stock movement that recorded a new product's initial stock.
     *
     * @param id        the movement's id
     * @param kind      always {@code RECEIPT}
     * @param quantity  the units received
     * @param createdAt when
     */
    @Serdeable
    record InitialReceipt(UUID id, MovementKind kind, int quantity, Instant createdAt) {
    }

    static CreatedProduct of(Product product, @Nullable StockMovement receipt) {
        return new CreatedProduct(product.id(), product.sku(), product.name(), product.priceMinor(),
            product.currency(), product.stock(), product.createdAt(), product.updatedAt(), product.version(),
            receipt == null ? null
                : new InitialReceipt(receipt.id(), receipt.kind(), receipt.quantity(), receipt.createdAt()));
    }
}
