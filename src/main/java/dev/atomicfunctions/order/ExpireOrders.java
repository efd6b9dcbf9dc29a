package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.transaction.Command;
import dev.atomicfunctions.platform.transaction.EntryPoint;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The expiry job's entry point: one transaction per order, so one failure never undoes the others. */
@EntryPoint
@Singleton
public class ExpireOrders {

    private final ExpiringOrders orders;

    ExpireOrders(ExpiringOrders orders) {
        this.orders = orders;
    }

    /** @return up to {@code limit} PLACED orders placed before {@code placedBefore}, oldest first */
    @ReadOnly
    public List<UUID> due(Instant placedBefore, int limit) {
        return orders.due(placedBefore, limit);
    }

    /** @return whether this call expired the order */
    @Command
    public boolean expire(Invocation invocation, UUID id) {
        return orders.expire(invocation, id);
    }
}
