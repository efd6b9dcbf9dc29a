package dev.atomicfunctions.product;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StockMovementRepository extends GenericRepository<StockMovement, UUID> {

    StockMovement save(StockMovement movement);

    Optional<StockMovement> findByIdAndProductId(UUID id, UUID productId);

    /** One batch: one round trip for them all. */
    List<StockMovement> saveAll(Iterable<StockMovement> movements);

    /** Keyset page of a product's movements, newest first. */
    @Query("""
        SELECT * FROM stock_movement
        WHERE product_id = :productId AND (created_at, id) < (:afterCreatedAt, :afterId)
        ORDER BY created_at DESC, id DESC
        LIMIT :limit""")
    List<StockMovement> findPage(UUID productId, Instant afterCreatedAt, UUID afterId, int limit);
}
