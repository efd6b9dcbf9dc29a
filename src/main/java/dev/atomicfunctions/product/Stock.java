package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.database.DatabaseEngine;
import dev.atomicfunctions.platform.error.NotFoundException;
import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The only way stock changes: each change updates the product and records its movement in the caller's
 * transaction, so that stock is always the sum of the movements and can never go below zero.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class Stock {

    private final ProductRepository products;
    private final StockMovementRepository movements;
    private final Clock clock;
    private final DatabaseEngine engine;

    Stock(ProductRepository products, StockMovementRepository movements, Clock clock, DatabaseEngine engine) {
        this.products = products;
        this.movements = movements;
        this.clock = clock;
        this.engine = engine;
    }

    /**
     * Locks the products named by id or by SKU (any case) until the transaction ends, in id order (no deadlock
     * between two transactions locking overlapping sets). On an engine that needs no locks for rows it writes
     * ({@link DatabaseEngine#locksRowsBeforeWriting()}), reads them: every caller then changes their stock.
     *
     * @return the products found, in id order; names that match nothing are simply absent
     */
    public List<Product> lock(Collection<UUID> ids, Collection<String> skus) {
        // IN () is not SQL: a value that matches nothing stands in for an empty list.
        List<UUID> idList = ids.isEmpty() ? List.of(new UUID(0, 0)) : List.copyOf(ids);
        List<String> skuList = skus.isEmpty() ? List.of("") : skus.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        return engine.locksRowsBeforeWriting() ? products.lockByIdsOrSkus(idList, skuList)
            : products.findByIdsOrSkus(idList, skuList);
    }

    /**
     * Moves stock by {@code quantity} (signed) and records the movement.
     *
     * @throws NotFoundException          when there is no such product
     * @throws InsufficientStockException when the stock would go below zero; nothing is changed
     * @throws StockLimitException        when the stock would exceed {@link StockLimitException#MAX_STOCK}
     */
    public StockMovement move(Invocation invocation, UUID productId, MovementKind kind, int quantity,
                              @Nullable String reason, @Nullable UUID orderId) {
        Instant now = clock.instant();
        change(productId, quantity, now);
        return movements.save(new StockMovement(UUID.randomUUID(), productId, kind, quantity, reason, orderId,
            invocation.subject(), now));
    }

    /**
     * Moves the stock of several products for one order, in two round trips whatever their number: one statement
     * changes every product's stock (the rows are already locked, see {@link #lock}), then one batch records all
     * the movements.
     *
     * @param changes one per product, each with its signed quantity
     * @return the movements recorded, in PostgreSQL's uuid order of their products (the lock order)
     * @throws InsufficientStockException when a stock would go below zero, for the first such product (the caller's
     *                                    transaction then writes nothing)
     * @throws StockLimitException        when a stock would exceed {@link StockLimitException#MAX_STOCK}, likewise
     */
    public List<StockMovement> moveAll(Invocation invocation, MovementKind kind, Collection<Change> changes,
                                       UUID orderId) {
        Instant now = clock.instant();
        // PostgreSQL's uuid order is the order of the text form; Java's UUID.compareTo compares signed halves.
        List<Change> ordered = changes.stream().sorted(Comparator.comparing(c -> c.productId().toString())).toList();
        String[] ids = ordered.stream().map(change -> change.productId().toString()).toArray(String[]::new);
        int[] deltas = ordered.stream().mapToInt(Change::quantity).toArray();
        if (products.changeStocks(ids, deltas, now) != ordered.size()) {
            throw refusalOf(ordered);
        }
        return movements.saveAll(ordered.stream().map(change -> new StockMovement(UUID.randomUUID(),
            change.productId(), kind, change.quantity(), null, orderId, invocation.subject(), now)).toList());
    }

    /**
     * A change of one product's stock.
     *
     * @param quantity signed: negative takes stock, positive returns it
     */
    public record Change(UUID productId, int quantity) {
    }

    /**
     * What stopped a change of several stocks, which changed none of them: the first product, in lock order, whose
     * stock could not take its change.
     */
    private RuntimeException refusalOf(List<Change> ordered) {
        for (Change change : ordered) {
            Product product = products.findById(change.productId()).orElseThrow(Products::notFound);
            if (!fits(product.stock(), change.quantity())) {
                return refusal(product.stock(), change.quantity());
            }
        }
        // The rows are locked by the caller: a product cannot vanish or change between the update and this read.
        return new IllegalStateException("fewer stocks changed than asked, and none out of range");
    }

    /**
     * The conditional update refuses on the stock it found; a plain read afterwards could see a later one (a
     * concurrent cancel committed in between) and name the wrong refusal, or refuse what now fits. So the row is
     * locked and read: refused on that stock, which cannot move any more, or updated again when it fits now.
     */
    private void change(UUID productId, int quantity, Instant now) {
        while (products.changeStock(productId, quantity, now) == 0) {
            Product product = lock(List.of(productId), List.of()).stream().findFirst()
                .orElseThrow(Products::notFound);
            if (!fits(product.stock(), quantity)) {
                throw refusal(product.stock(), quantity);
            }
        }
    }

    private static boolean fits(int stock, int quantity) {
        long after = (long) stock + quantity;
        return after >= 0 && after <= StockLimitException.MAX_STOCK;
    }

    private static RuntimeException refusal(int stock, int quantity) {
        return (long) stock + quantity < 0 ? new InsufficientStockException(stock) : new StockLimitException(stock);
    }
}
