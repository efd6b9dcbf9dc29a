package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.database.DatabaseEngine;
import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Orders left PLACED for too long: found, and expired one by one (stock released, {@code order.expired}). */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
class ExpiringOrders {

    private final OrderRepository orders;
    private final OrderRelease release;
    private final DatabaseEngine engine;

    ExpiringOrders(OrderRepository orders, OrderRelease release, DatabaseEngine engine) {
        this.orders = orders;
        this.release = release;
        this.engine = engine;
    }

    List<UUID> due(Instant placedBefore, int limit) {
        return orders.findPlacedBefore(placedBefore, limit).stream().map(Order::id).toList();
    }

    /**
     * @return whether this transaction expired it (false: no longer PLACED, or another run holds it; without locks,
     *     two runs may both find it PLACED, and the second COMMIT fails: run again, it finds it EXPIRED)
     */
    boolean expire(Invocation invocation, UUID id) {
        Optional<Order> placed = engine.locksRowsBeforeWriting() ? orders.lockIfPlaced(id) : orders.findIfPlaced(id);
        return placed.map(order -> release.release(invocation, order, OrderStatus.EXPIRED))
            .isPresent();
    }
}
