package dev.atomicfunctions.platform.paging;

import java.time.Instant;
import java.util.UUID;

/** A row of a newest-first list: its place is its (createdAt, id). */
public interface Positioned {

    /** @return when the row was created */
    Instant createdAt();

    /** @return its id, the tie-breaker among rows created at the same instant */
    UUID id();
}
