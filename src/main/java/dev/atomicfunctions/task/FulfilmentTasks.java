package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import dev.atomicfunctions.platform.messaging.Payloads;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotNull;

import java.util.Set;
import java.util.UUID;

/**
 * Closes the loop from orders to work: each {@code order.placed} event becomes a task for the warehouse
 * ({@code WAREHOUSE_SUBJECT}), {@code Pick and pack order <id>}, linked to its order; {@code order.cancelled} and
 * {@code order.expired} cancel that task while it is open (nothing is left to pick). Exactly once per event: the
 * consumer records the event's id in the same transaction as the change. An order's events share a FIFO message
 * group, so its placement is handled before its end.
 */
@Singleton
class FulfilmentTasks implements MessageHandler {

    static final String PLACED = "order.placed";
    static final String CANCELLED = "order.cancelled";
    static final String EXPIRED = "order.expired";

    private final Tasks tasks;
    private final Payloads payloads;
    private final String warehouse;

    FulfilmentTasks(Tasks tasks, Payloads payloads, @Value("${atomic.warehouse.subject}") String warehouse) {
        this.tasks = tasks;
        this.payloads = payloads;
        this.warehouse = warehouse;
    }

    /** What this feature reads of an order event (it knows nothing else of orders). */
    @Serdeable
    record OrderEvent(@NotNull UUID orderId) {
    }

    @Override
    public Set<String> types() {
        return Set.of(PLACED, CANCELLED, EXPIRED);
    }

    /** Runs in the consumer's transaction ({@code types()} and {@code versions()} are read outside any). */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void handle(Invocation invocation, String type, int version, String payload) {
        OrderEvent event = payloads.read(payload, OrderEvent.class);
        // The warehouse's task, so the warehouse's writes: it owns the task, and the audit names it.
        Invocation asWarehouse = new Invocation(warehouse, invocation.origin(), invocation.originId(),
            invocation.correlationId(), invocation.lambdaRequestId(), Set.of(), Set.of());
        if (type.equals(PLACED)) {
            tasks.insert(asWarehouse, new NewTask("Pick and pack order " + event.orderId(), null), event.orderId());
        } else {
            tasks.cancelFulfilment(asWarehouse, event.orderId());
        }
    }
}
