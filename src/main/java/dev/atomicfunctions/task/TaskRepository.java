package dev.atomicfunctions.task;

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
interface TaskRepository extends GenericRepository<Task, UUID> {

    Task save(Task task);

    Optional<Task> findByIdAndOwnerId(UUID id, String ownerId);

    boolean existsById(UUID id);

    /** @return the fulfilment task of the order, locked until the transaction ends */
    @Query("SELECT * FROM task WHERE order_id = :orderId FOR UPDATE")
    Optional<Task> findByOrderIdForUpdate(UUID orderId);

    /** {@link #findByOrderIdForUpdate} without the lock, for an engine that needs none. */
    Optional<Task> findByOrderId(UUID orderId);

    /** Keyset page, newest first: the rows strictly after the cursor position. */
    @Query("""
        SELECT * FROM task
        WHERE owner_id = :ownerId
          AND (CAST(:completed AS boolean) IS NULL OR completed = :completed)
          AND (created_at, id) < (:afterCreatedAt, :afterId)
        ORDER BY created_at DESC, id DESC
        LIMIT :limit""")
    List<Task> findPage(String ownerId, @Nullable Boolean completed, Instant afterCreatedAt, UUID afterId, int limit);

    /** @return 1 when the row still had {@code version}, 0 when a concurrent writer changed or removed it */
    @Query("""
        UPDATE task
        SET title = :title, description = :description, completed = :completed, updated_at = :updatedAt,
            version = version + 1
        WHERE id = :id AND version = :version""")
    int updateIfVersion(UUID id, long version, String title, @Nullable String description, boolean completed,
                        Instant updatedAt);

    /** @return 1 when the row still had {@code version}, 0 when a concurrent writer changed or removed it */
    @Query("DELETE FROM task WHERE id = :id AND version = :version")
    int deleteIfVersion(UUID id, long version);
}
