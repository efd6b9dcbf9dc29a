package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import dev.atomicfunctions.platform.messaging.Payloads;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotNull;

import java.util.Set;
import java.util.UUID;

/**
 * Closes the loop from orders to work: each {@code order.placed} event becomes a task for the warehouse
 * ({@code WAREHOUSE_SUBJECT}), {@code Pick and pack order <id>}, linked to its order; {@code order.cancelled} and
 * {@code order.expired} cancel that task while it is open (nothing is left to pick). Exactly once per event: the
 * consumer records the event's id in the same transaction as the command's change. An order's events share a FIFO message
 * group, so its placement is handled before its end.
 */
@Singleton
class FulfilmentTasks implements MessageHandler {

    static final String PLACED = "order.placed";
    static final String CANCELLED = "order.cancelled";
    static final String EXPIRED = "order.expired";

    private final TaskCommands commands;
    private final Payloads payloads;
    private final String warehouse;

    FulfilmentTasks(TaskCommands commands, Payloads payloads,
                    @Value("${atomic.warehouse.subject}") String warehouse) {
        this.commands = commands;
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

    @Override
    public void handle(Invocation invocation, String type, int version, String payload) {
        OrderEvent event = payloads.read(payload, OrderEvent.class);
        // The warehouse's task, so the warehouse's writes: it owns the task, and the audit names it.
        Invocation asWarehouse = new Invocation(warehouse, invocation.origin(), invocation.originId(),
            invocation.correlationId(), invocation.lambdaRequestId(), Set.of(), Set.of());
        if (type.equals(PLACED)) {
            commands.openFulfilment(asWarehouse, event.orderId());
        } else {
            commands.withdrawFulfilment(asWarehouse, event.orderId());
        }
    }
}
