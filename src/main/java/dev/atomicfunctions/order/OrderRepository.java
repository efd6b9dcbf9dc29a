package dev.atomicfunctions.order;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OrderRepository extends GenericRepository<Order, UUID> {

    Order save(Order order);

    Optional<Order> findByIdAndOwnerId(UUID id, String ownerId);

    boolean existsById(UUID id);

    /** Locks the caller's order until the transaction ends: a state change reads the state it changes. */
    @Query("SELECT * FROM customer_order WHERE id = :id AND owner_id = :ownerId FOR UPDATE")
    Optional<Order> lockByIdAndOwnerId(UUID id, String ownerId);

    /** PLACED orders placed before {@code before}, oldest first: candidates for expiry. */
    @Query("""
        SELECT * FROM customer_order
        WHERE status = 'PLACED' AND created_at < :before
        ORDER BY created_at
        LIMIT :limit""")
    List<Order> findPlacedBefore(Instant before, int limit);

    /**
     * Locks the order if it is still PLACED and no other transaction holds it: two expiry runs at once never both
     * expire it (the second skips it).
     */
    @Query("SELECT * FROM customer_order WHERE id = :id AND status = 'PLACED' FOR UPDATE SKIP LOCKED")
    Optional<Order> lockIfPlaced(UUID id);

    /** {@link #lockIfPlaced} without the lock, for an engine that needs none. */
    @Query("SELECT * FROM customer_order WHERE id = :id AND status = 'PLACED'")
    Optional<Order> findIfPlaced(UUID id);

    /** Keyset page, newest first, optionally of one status. */
    @Query("""
        SELECT * FROM customer_order
        WHERE owner_id = :ownerId
          AND (CAST(:status AS text) IS NULL OR status = :status)
          AND (created_at, id) < (:afterCreatedAt, :afterId)
        ORDER BY created_at DESC, id DESC
        LIMIT :limit""")
    List<Order> findPage(String ownerId, @Nullable String status, Instant afterCreatedAt, UUID afterId, int limit);

    /** @return 1 when the order still had {@code version} and was PLACED, else 0 */
    @Query("""
        UPDATE customer_order SET note = :note, updated_at = :updatedAt, version = version + 1
        WHERE id = :id AND version = :version AND status = 'PLACED'""")
    int updateNoteIfPlaced(UUID id, long version, @Nullable String note, Instant updatedAt);

    /** @return 1 when the order still had {@code version}, else 0 */
    @Query("""
        UPDATE customer_order SET status = :status, updated_at = :updatedAt, version = version + 1
        WHERE id = :id AND version = :version""")
    int updateStatus(UUID id, long version, String status, Instant updatedAt);

    /** @return 1 when the order still had {@code version}, else 0; its lines go with it */
    @Query("DELETE FROM customer_order WHERE id = :id AND version = :version")
    int deleteIfVersion(UUID id, long version);
}
