package dev.atomicfunctions.product;

/** Why stock changed. */
public enum MovementKind {
    /** Goods received (positive). */
    RECEIPT,
    /** A correction after a count, breakage or loss (either sign). */
    ADJUSTMENT,
    /** Units taken by a placed order (negative). */
    RESERVATION,
    /** Units given back by a cancelled or expired order (positive). */
    RELEASE
}
