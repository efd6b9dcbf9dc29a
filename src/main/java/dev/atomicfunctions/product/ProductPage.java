package dev.atomicfunctions.product;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One page of the catalogue, newest first.
 *
 * @param items      the products on this page
 * @param nextCursor pass as {@code cursor} to get the next page; {@code null} on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ProductPage(List<ProductView> items, @Nullable String nextCursor) {
}
