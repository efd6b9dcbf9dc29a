package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import dev.atomicfunctions.platform.messaging.Payloads;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotNull;

import java.util.Set;
import java.util.UUID;

/**
 * {@code order.place} and {@code order.cancel} v1 through the queue: the same commands as {@code POST /orders} and
 * {@code POST /orders/{id}/cancel} ({@link OrderCommands}, with their policy); the payload of {@code order.place} is
 * the body of {@code POST /orders}.
 */
@Singleton
class OrderMessages implements MessageHandler {

    private final OrderCommands commands;
    private final Payloads payloads;

    OrderMessages(OrderCommands commands, Payloads payloads) {
        this.commands = commands;
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

    @Override
    public void handle(Invocation invocation, String type, int version, String payload) {
        payloads.requireSubject(invocation);
        if (type.equals("order.place")) {
            commands.place(invocation, payloads.read(payload, NewOrder.class), null);
        } else {
            commands.cancel(invocation, payloads.read(payload, Cancel.class).orderId(), null);
        }
    }
}
