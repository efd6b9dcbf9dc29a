package dev.atomicfunctions.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One page of the caller's orders, newest first.
 *
 * @param items      the orders on this page
 * @param nextCursor pass as {@code cursor} to get the next page; {@code null} on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record OrderPage(List<OrderView> items, @Nullable String nextCursor) {
}
