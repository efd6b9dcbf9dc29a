package dev.atomicfunctions.product;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductRepository extends GenericRepository<Product, UUID> {

    Product save(Product product);

    Optional<Product> findById(UUID id);

    @Query("SELECT * FROM product WHERE lower(sku) = lower(:sku)")
    Optional<Product> findBySkuIgnoringCase(String sku);

    /** Keyset page, newest first: the rows strictly after the cursor position. */
    @Query("""
        SELECT * FROM product
        WHERE (created_at, id) < (:afterCreatedAt, :afterId)
        ORDER BY created_at DESC, id DESC
        LIMIT :limit""")
    List<Product> findPage(Instant afterCreatedAt, UUID afterId, int limit);

    /** The products named by id or by SKU (any case), in id order. */
    String BY_IDS_OR_SKUS = "SELECT * FROM product WHERE id IN (:ids) OR lower(sku) IN (:lowerSkus) ORDER BY id";

    /**
     * Locks the named products, always in id order: two transactions locking overlapping sets wait for each other
     * instead of deadlocking, whatever order their callers named the products in.
     */
    @Query(BY_IDS_OR_SKUS + " FOR UPDATE")
    List<Product> lockByIdsOrSkus(Collection<UUID> ids, Collection<String> lowerSkus);

    /** {@link #lockByIdsOrSkus} without the lock, for an engine that needs none. */
    @Query(BY_IDS_OR_SKUS)
    List<Product> findByIdsOrSkus(Collection<UUID> ids, Collection<String> lowerSkus);

    /** @return 1 when the row still had {@code version}, 0 when a concurrent writer changed it */
    @Query("""
        UPDATE product SET name = :name, price_minor = :priceMinor, updated_at = :updatedAt, version = version + 1
        WHERE id = :id AND version = :version""")
    int updateIfVersion(UUID id, long version, String name, long priceMinor, Instant updatedAt);

    /**
     * Changes the stock by {@code delta} unless that would take it below zero or above the integer range (summed as
     * bigint: the refusal is a 0, not an overflow error). The row lock this takes makes a concurrent change wait,
     * and PostgreSQL re-checks the condition on the row it then finds: no oversell.
     *
     * @return 1 when changed, 0 when the stock is short or would overflow (or the product absent)
     */
    @Query("""
        UPDATE product SET stock = stock + :delta, updated_at = :updatedAt, version = version + 1
        WHERE id = :id AND stock::bigint + :delta BETWEEN 0 AND 2147483647""")
    int changeStock(UUID id, int delta, Instant updatedAt);

    /**
     * {@link #changeStock} for several products in one statement, all or none: {@code deltas[i]} to product
     * {@code ids[i]} (each product once), and no row changes when any stock would go below zero or above the integer
     * range. The ids go as text (Micronaut Data has no uuid array type), cast by PostgreSQL.
     *
     * @return {@code ids.length}, or 0 when a stock would have left its range
     */
    @Query("""
        UPDATE product p SET stock = p.stock + c.delta, updated_at = :updatedAt, version = p.version + 1
        FROM unnest(CAST(:ids AS uuid[]), CAST(:deltas AS int[])) AS c(id, delta)
        WHERE p.id = c.id AND NOT EXISTS (
            SELECT 1 FROM product q JOIN unnest(CAST(:ids AS uuid[]), CAST(:deltas AS int[])) AS d(id, delta)
            ON q.id = d.id WHERE q.stock::bigint + d.delta NOT BETWEEN 0 AND 2147483647)""")
    int changeStocks(String[] ids, int[] deltas, Instant updatedAt);
}
