package dev.atomicfunctions.audit;

import dev.atomicfunctions.platform.database.DatabaseEngine;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

@JdbcRepository(dialect = Dialect.POSTGRES)
abstract class AuditRepository implements GenericRepository<AuditEntry, Long> {

    /** The columns, and every value but the changed fields and the reason, which the engines bind differently. */
    private static final String INSERT_INTO = """
        INSERT INTO audit_entry (action, entity_type, entity_id, actor, origin, request_id, correlation_id,
                                 lambda_request_id, occurred_at, changed_fields, reason)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,""";
    /**
     * Returns the transaction's id instead of the row's (which nothing reads), in the same round trip: what a COMMIT
     * whose reply is lost is resolved with. {@code pg_current_xact_id()} is the top-level transaction's, also from
     * within a savepoint.
     */
    private static final String INSERT = INSERT_INTO + """
         ?, ?)
        RETURNING CAST(CAST(pg_current_xact_id() AS text) AS bigint)""";
    /**
     * DSQL, the one engine without transaction ids ({@link DatabaseEngine#knowsTransactionIds()}): none to return;
     * and, as DSQL stores no {@code text[]}, the changed fields are a JSON array there ({@code db/dsql/V4}).
     */
    private static final String INSERT_WITHOUT_TRANSACTION_ID = INSERT_INTO + " CAST(? AS jsonb), ?)";

    private final JdbcOperations jdbc;
    private final DatabaseEngine engine;
    private final JsonMapper json;

    AuditRepository(JdbcOperations jdbc, DatabaseEngine engine, JsonMapper json) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.json = json;
    }

    /** @return the id of the transaction the entry was written in, or 0 when the engine knows none */
    long insert(AuditEntry entry) {
        if (!engine.knowsTransactionIds()) {
            return jdbc.prepareStatement(INSERT_WITHOUT_TRANSACTION_ID, statement -> {
                bindAllButFields(statement, entry);
                statement.setString(10, fieldsAsJson(entry));
                statement.executeUpdate();
                return 0L;
            });
        }
        return jdbc.prepareStatement(INSERT, statement -> {
            bindAllButFields(statement, entry);
            statement.setArray(10, statement.getConnection().createArrayOf("text", entry.changedFields()));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private static void bindAllButFields(PreparedStatement statement, AuditEntry entry) throws SQLException {
        statement.setString(1, entry.action().name());
        statement.setString(2, entry.entityType());
        statement.setString(3, entry.entityId());
        statement.setString(4, entry.actor());
        statement.setString(5, entry.origin().name());
        statement.setString(6, entry.requestId());
        statement.setString(7, entry.correlationId());
        statement.setString(8, entry.lambdaRequestId());
        statement.setObject(9, OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC));
        statement.setString(11, entry.reason());
    }

    private String fieldsAsJson(AuditEntry entry) {
        try {
            return json.writeValueAsString(entry.changedFields());
        } catch (IOException e) {
            throw new UncheckedIOException("changed fields not written as JSON", e);
        }
    }
}
