package dev.atomicfunctions.order;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.util.UUID;

/** One line of an order, with the unit price as it was when the order was placed. */
@MappedEntity("order_line")
record OrderLine(@Id UUID id,
                 UUID orderId,
                 int lineNo,
                 UUID productId,
                 String sku,
                 int quantity,
                 long unitPriceMinor) {
}
