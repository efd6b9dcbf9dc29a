package dev.atomicfunctions.product;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One page of a product's stock movements, newest first.
 *
 * @param items      the movements on this page
 * @param nextCursor pass as {@code cursor} to get the next page; {@code null} on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record StockMovementPage(List<StockMovementView> items, @Nullable String nextCursor) {
}
