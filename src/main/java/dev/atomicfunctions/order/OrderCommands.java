package dev.atomicfunctions.order;

import dev.atomicfunctions.audit.AuditFailedAttempts;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.outbox.RelayAfterCommit;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.transaction.Command;
import dev.atomicfunctions.platform.transaction.EntryPoint;
import dev.atomicfunctions.platform.version.Precondition;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * The orders' commands, whatever transport asks for them (the HTTP adapter, the queue's {@code order.place} and
 * {@code order.cancel}): each method begins and ends its own transaction with the policy {@link Command} declares,
 * audits an attempt that failed for good, and relays the events it committed right after the commit. Called from
 * outside every transaction, never by a service or another command.
 */
@EntryPoint
@Singleton
public class OrderCommands {

    private final OrderPlacement placement;
    private final Orders orders;

    OrderCommands(OrderPlacement placement, Orders orders) {
        this.placement = placement;
        this.orders = orders;
    }

    @Command
    @AuditFailedAttempts(OrderEvents.AGGREGATE)
    @RelayAfterCommit
    public Outcome<OrderView> place(Invocation invocation, NewOrder order, @Nullable String idempotencyKey) {
        return placement.place(invocation, order, idempotencyKey);
    }

    @Command
    @AuditFailedAttempts(OrderEvents.AGGREGATE)
    public OrderView changeNote(Invocation invocation, UUID id, OrderPatch patch, Precondition precondition) {
        return orders.changeNote(invocation, id, patch, precondition);
    }

    @Command
    @AuditFailedAttempts(OrderEvents.AGGREGATE)
    @RelayAfterCommit
    public Outcome<OrderView> cancel(Invocation invocation, UUID id, @Nullable String idempotencyKey) {
        return orders.cancel(invocation, id, idempotencyKey);
    }

    @Command
    @AuditFailedAttempts(OrderEvents.AGGREGATE)
    public void delete(Invocation invocation, UUID id, Precondition precondition) {
        orders.delete(invocation, id, precondition);
    }
}
