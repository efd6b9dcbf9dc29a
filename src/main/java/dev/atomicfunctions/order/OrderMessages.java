package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import dev.atomicfunctions.platform.messaging.Payloads;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotNull;

import java.util.Set;
import java.util.UUID;

/**
 * {@code order.place} and {@code order.cancel} v1 through the queue, with the rules of {@code POST /orders} and
 * {@code POST /orders/{id}/cancel}: the payload of {@code order.place} is the body of {@code POST /orders}.
 */
@Singleton
class OrderMessages implements MessageHandler {

    private final OrderPlacement placement;
    private final Orders orders;
    private final Payloads payloads;

    OrderMessages(OrderPlacement placement, Orders orders, Payloads payloads) {
        this.placement = placement;
        this.orders = orders;
        this.payloads = payloads;
    }

    /** The payload of {@code order.cancel}. */
    @Serdeable
    record Cancel(@NotNull UUID orderId) {
    }

    @Override
    public Set<String> types() {
        return Set.of("order.place", "order.cancel");
    }

    /** As {@code POST /orders} and its cancel do. */
    @Override
    public boolean auditsFailedAttempts() {
        return true;
    }

    /** Runs in the consumer's transaction ({@code types()} and {@code versions()} are read outside any). */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void handle(Invocation invocation, String type, int version, String payload) {
        payloads.requireSubject(invocation);
        if (type.equals("order.place")) {
            placement.place(invocation, payloads.read(payload, NewOrder.class), null);
        } else {
            orders.cancel(invocation, payloads.read(payload, Cancel.class).orderId().toString(), null);
        }
    }
}
