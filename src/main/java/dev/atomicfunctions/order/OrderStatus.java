package dev.atomicfunctions.order;

/** Where an order is in its life. */
public enum OrderStatus {
    /** Stock reserved, waiting for fulfilment. */
    PLACED,
    /** Cancelled by its owner; stock released. */
    CANCELLED,
    /** Not fulfilled in time; stock released by the expiry job. */
    EXPIRED,
    /** Shipped. */
    FULFILLED
}
