package dev.atomicfunctions.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OutboxRepository extends GenericRepository<OutboxEvent, UUID> {

    @Query("""
        INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, created_at)
        VALUES (:id, :aggregateType, :aggregateId, :eventType, CAST(:payload AS jsonb), :createdAt)""")
    void insert(UUID id, String aggregateType, String aggregateId, String eventType, String payload,
                Instant createdAt);

    /** Pending events, oldest first, each only when no older event of its aggregate is still pending. */
    String PENDING = """
        SELECT * FROM outbox_event e
        WHERE e.published_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM outbox_event o
                          WHERE o.aggregate_type = e.aggregate_type AND o.aggregate_id = e.aggregate_id
                            AND o.published_at IS NULL AND (o.created_at, o.id) < (e.created_at, e.id))
        ORDER BY e.created_at, e.id
        LIMIT :limit""";

    /**
     * Claims pending events for this transaction, oldest first, skipping those another relay holds, and taking an
     * event only when no older event of its aggregate is still pending: events of one aggregate leave in commit
     * order even with relays running side by side.
     */
    @Query(PENDING + " FOR UPDATE SKIP LOCKED")
    List<OutboxEvent> claimPending(int limit);

    /**
     * {@link #claimPending} for an engine without {@code SKIP LOCKED} (DSQL): two relays may read the same events;
     * both mark them published, and the second COMMIT fails (the events went twice: the FIFO queue drops a repeat
     * of the same event id within 5 minutes, and the consumer's de-duplication record any later one).
     */
    @Query(PENDING)
    List<OutboxEvent> findPending(int limit);

    @Query("UPDATE outbox_event SET published_at = :publishedAt WHERE id IN (:ids)")
    int markPublished(Collection<UUID> ids, Instant publishedAt);

    @Query("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
    long countPending();
}
