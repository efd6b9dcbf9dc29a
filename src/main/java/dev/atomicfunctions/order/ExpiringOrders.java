package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Orders left PLACED for too long: found, and expired one by one (stock released, {@code order.expired}). */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
class ExpiringOrders {

    private final OrderRepository orders;
    private final OrderRelease release;

    ExpiringOrders(OrderRepository orders, OrderRelease release) {
        this.orders = orders;
        this.release = release;
    }

    List<UUID> due(Instant placedBefore, int limit) {
        return orders.findPlacedBefore(placedBefore, limit).stream().map(Order::id).toList();
    }

    /** @return whether this transaction expired it (false: no longer PLACED, or another run holds it) */
    boolean expire(Invocation invocation, UUID id) {
        return orders.lockIfPlaced(id).map(order -> release.release(invocation, order, OrderStatus.EXPIRED))
            .isPresent();
    }
}
