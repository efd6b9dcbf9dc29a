package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

import java.util.Map;

/** The order's current state does not allow this change; the problem names that state ({@code currentStatus}). */
final class OrderStateConflictException extends DomainException {

    private final OrderStatus status;

    OrderStateConflictException(OrderStatus status, String allowed) {
        super(ErrorKind.CONFLICT, "order-state-conflict", "Order state does not allow this",
            "The order is " + status + "; this is only possible for " + allowed + " orders.");
        this.status = status;
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("currentStatus", status);
    }
}
