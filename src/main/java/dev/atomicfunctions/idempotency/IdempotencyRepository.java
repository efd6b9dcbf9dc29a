package dev.atomicfunctions.idempotency;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface IdempotencyRepository extends GenericRepository<IdempotencyRecord, Long> {

    /** @return the live record of the key, stored under the operation's name or the name it had before */
    @Query("""
        SELECT * FROM idempotency_record
        WHERE owner_id = :ownerId AND operation IN (:operation, :formerly) AND idempotency_key = :idempotencyKey
          AND created_at >= :notBefore
        ORDER BY created_at DESC LIMIT 1""")
    Optional<IdempotencyRecord> findLive(String ownerId, String operation, String formerly, String idempotencyKey,
                                         Instant notBefore);

    /**
     * Inserts the record, or replaces one that has expired. A concurrent transaction inserting the same key makes
     * this statement wait for it; if that one commits, nothing is written here.
     *
     * @return 1 when this transaction now owns the key, 0 when a live record holds it
     */
    @Query("""
        INSERT INTO idempotency_record
            (owner_id, operation, idempotency_key, fingerprint, response, created_at)
        VALUES (:ownerId, :operation, :idempotencyKey, :fingerprint, :response, :createdAt)
        ON CONFLICT (owner_id, operation, idempotency_key) DO UPDATE
            SET fingerprint = EXCLUDED.fingerprint, response = EXCLUDED.response, created_at = EXCLUDED.created_at
            WHERE idempotency_record.created_at < :expiredBefore""")
    int insertOrReplaceExpired(String ownerId, String operation, String idempotencyKey, String fingerprint,
                               String response, Instant createdAt, Instant expiredBefore);

    /** Deletes up to {@code limit} records created before {@code before}: expired keys and old de-duplication records. */
    @Query("""
        DELETE FROM idempotency_record WHERE id IN (
            SELECT id FROM idempotency_record WHERE created_at < :before ORDER BY created_at LIMIT :limit)""")
    int deleteCreatedBefore(Instant before, int limit);
}
