package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.paging.Positioned;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/**
 * A product row. Prices are in minor units of the currency (cents), never floating point.
 *
 * @param id         the product's id
 * @param sku        stock-keeping unit, unique whatever its case
 * @param name       display name
 * @param priceMinor unit price in minor units
 * @param currency   ISO 4217 code
 * @param stock      units available; never below zero
 * @param createdAt  creation time
 * @param updatedAt  last change (of any field, stock included)
 * @param version    optimistic-locking version, incremented on every change
 */
@MappedEntity("product")
public record Product(@Id UUID id,
                      String sku,
                      String name,
                      long priceMinor,
                      String currency,
                      int stock,
                      Instant createdAt,
                      Instant updatedAt,
                      long version) implements Positioned {
}
