package dev.atomicfunctions.order;

/** Names of the order events in the outbox; consumers match on them. */
public final class OrderEvents {

    public static final String AGGREGATE = "order";
    static final String PLACED = "order.placed";
    static final String CANCELLED = "order.cancelled";
    static final String EXPIRED = "order.expired";

    private OrderEvents() {
    }
}
