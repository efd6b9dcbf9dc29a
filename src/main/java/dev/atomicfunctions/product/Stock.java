package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

    Stock(ProductRepository products, StockMovementRepository movements, Clock clock) {
        this.products = products;
        this.movements = movements;
        this.clock = clock;
    }

    /**
     * Locks the products named by id or by SKU (any case) until the transaction ends, in id order (no deadlock
     * between two transactions locking overlapping sets).
     *
     * @return the products found, in id order; names that match nothing are simply absent
     */
    public List<Product> lock(Collection<UUID> ids, Collection<String> skus) {
        // IN () is not SQL: a value that matches nothing stands in for an empty list.
        List<UUID> idList = ids.isEmpty() ? List.of(new UUID(0, 0)) : List.copyOf(ids);
        List<String> skuList = skus.isEmpty() ? List.of("") : skus.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        return products.lockByIdsOrSkus(idList, skuList);
    }

    /**
     * Moves stock by {@code quantity} (signed) and records the movement.
     *
     * @throws ProductNotFoundException   when there is no such product
     * @throws InsufficientStockException when the stock would go below zero; nothing is changed
     */
    public StockMovement move(Invocation invocation, UUID productId, MovementKind kind, int quantity,
                              @Nullable String reason, @Nullable UUID orderId) {
        Instant now = now();
        change(productId, quantity, now);
        return movements.save(new StockMovement(UUID.randomUUID(), productId, kind, quantity, reason, orderId,
            invocation.subject(), now));
    }

    /**
     * Moves the stock of several products for one order: each product's stock changes in the order {@link #lock}
     * takes the locks in (PostgreSQL's uuid order, the order of the text form; Java's {@code UUID.compareTo}
     * compares signed halves and would differ), then all the movements are recorded in one batch: one round trip
     * for them all instead of one each.
     *
     * @param changes one per product, each with its signed quantity
     * @return the movements recorded, in that order
     * @throws InsufficientStockException when a stock would go below zero (the caller's transaction then writes
     *                                    nothing)
     */
    public List<StockMovement> moveAll(Invocation invocation, MovementKind kind, Collection<Change> changes,
                                       UUID orderId) {
        Instant now = now();
        List<StockMovement> recorded = changes.stream()
            .sorted(Comparator.comparing(change -> change.productId().toString()))
            .map(change -> {
                change(change.productId(), change.quantity(), now);
                return new StockMovement(UUID.randomUUID(), change.productId(), kind, change.quantity(), null,
                    orderId, invocation.subject(), now);
            })
            .toList();
        return movements.saveAll(recorded);
    }

    /**
     * A change of one product's stock.
     *
     * @param quantity signed: negative takes stock, positive returns it
     */
    public record Change(UUID productId, int quantity) {
    }

    private void change(UUID productId, int quantity, Instant now) {
        if (products.changeStock(productId, quantity, now) == 0) {
            Product product = products.findById(productId).orElseThrow(ProductNotFoundException::new);
            throw new InsufficientStockException(product.stock());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
