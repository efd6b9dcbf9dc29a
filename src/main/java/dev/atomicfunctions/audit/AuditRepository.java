package dev.atomicfunctions.audit;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@JdbcRepository(dialect = Dialect.POSTGRES)
abstract class AuditRepository implements GenericRepository<AuditEntry, Long> {

    /**
     * Returns the transaction's id instead of the row's (which nothing reads), in the same round trip: what a COMMIT
     * whose reply is lost is resolved with. {@code pg_current_xact_id()} is the top-level transaction's, also from
     * within a savepoint.
     */
    private static final String INSERT = """
        INSERT INTO audit_entry (action, entity_type, entity_id, actor, origin, request_id, correlation_id,
                                 lambda_request_id, occurred_at, changed_fields, reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        RETURNING CAST(CAST(pg_current_xact_id() AS text) AS bigint)""";

    private final JdbcOperations jdbc;

    AuditRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the id of the transaction the entry was written in */
    long insert(AuditEntry entry) {
        return jdbc.prepareStatement(INSERT, statement -> {
            statement.setString(1, entry.action().name());
            statement.setString(2, entry.entityType());
            statement.setString(3, entry.entityId());
            statement.setString(4, entry.actor());
            statement.setString(5, entry.origin().name());
            statement.setString(6, entry.requestId());
            statement.setString(7, entry.correlationId());
            statement.setString(8, entry.lambdaRequestId());
            statement.setObject(9, OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC));
            statement.setArray(10, statement.getConnection().createArrayOf("text", entry.changedFields()));
            statement.setString(11, entry.reason());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
