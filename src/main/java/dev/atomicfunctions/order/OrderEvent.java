package dev.atomicfunctions.order;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The payload of the {@code order.placed}, {@code order.cancelled} and {@code order.expired} events: the order as
 * it was when the event happened. Versioned, so that consumers can tell shapes apart.
 *
 * @param version    the payload's shape, 1
 * @param orderId    the order
 * @param ownerId    who placed it
 * @param status     its status after the event
 * @param lines      its lines
 * @param totalMinor its total in minor units
 * @param currency   its currency
 * @param occurredAt when the change committed
 */
@Serdeable
record OrderEvent(int version, UUID orderId, String ownerId, OrderStatus status, List<OrderView.Line> lines,
                   long totalMinor, String currency, Instant occurredAt) {

    static OrderEvent of(OrderView order, String ownerId, Instant occurredAt) {
        return new OrderEvent(1, order.id(), ownerId, order.status(), order.lines(), order.totalMinor(),
            order.currency(), occurredAt);
    }
}
