package dev.atomicfunctions.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OutboxRepository extends GenericRepository<OutboxEvent, UUID> {

    @Query("""
        INSERT INTO outbox_event (id, aggregate_type, aggregate_id, event_type, payload, created_at)
        VALUES (:id, :aggregateType, :aggregateId, :eventType, CAST(:payload AS jsonb), :createdAt)""")
    void insert(UUID id, String aggregateType, String aggregateId, String eventType, String payload,
                Instant createdAt);
}
