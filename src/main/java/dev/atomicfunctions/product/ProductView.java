package dev.atomicfunctions.product;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A product as callers see it: every value as stored after commit. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProductView(UUID id,
                          String sku,
                          String name,
                          long priceMinor,
                          String currency,
                          int stock,
                          Instant createdAt,
                          Instant updatedAt,
                          long version) {

    static ProductView of(Product product) {
        return new ProductView(product.id(), product.sku(), product.name(), product.priceMinor(), product.currency(),
            product.stock(), product.createdAt(), product.updatedAt(), product.version());
    }
}
