package dev.atomicfunctions.product;

import dev.atomicfunctions.audit.AuditAction;
import dev.atomicfunctions.audit.AuditTrail;
import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.idempotency.IdempotentRequest;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.error.NotFoundException;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.paging.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/**
 * Stock movements administrators record (receipts and adjustments) and every product's movement history. The stock
 * itself only ever changes through {@link Stock}, which keeps it equal to the sum of the movements and never below
 * zero.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class StockMovements {

    private final Stock stock;
    private final ProductRepository products;
    private final StockMovementRepository movements;
    private final AuditTrail audit;
    private final IdempotencyKeys idempotency;

    StockMovements(Stock stock, ProductRepository products, StockMovementRepository movements,
                   AuditTrail audit, IdempotencyKeys idempotency) {
        this.stock = stock;
        this.products = products;
        this.movements = movements;
        this.audit = audit;
        this.idempotency = idempotency;
    }

    /**
     * Records a movement and changes the stock by its quantity; with an idempotency key, a retry of the same request
     * answers as the first one did and writes nothing.
     *
     * @throws NotFoundException           when there is no such product
     * @throws InsufficientStockException when the stock would go below zero; nothing is written
     */
    Outcome<RecordedMovement> record(Invocation invocation, UUID id, NewStockMovement request,
                                     @Nullable String idempotencyKey) {
        // The key is scoped to the product: the same key for another product is another request.
        return idempotency.once(invocation, new IdempotentRequest("product.record-movement " + id, idempotencyKey,
            request, "POST /products/" + id + "/stock-movements"),
            RecordedMovement.class, () -> move(invocation, id, request));
    }

    private RecordedMovement move(Invocation invocation, UUID productId, NewStockMovement request) {
        StockMovement movement = stock.move(invocation, productId, request.movementKind(), request.quantity(),
            request.reason(), null);
        // The row is locked by the stock change until commit: what is read is the stock this movement left.
        int after = products.findById(productId).orElseThrow(Products::notFound).stock();
        audit.record(invocation, AuditAction.UPDATE, Products.ENTITY, productId.toString(), List.of("stock"));
        return RecordedMovement.of(movement, after);
    }

    /**
     * @return the id a caller gave, when it is one
     * @throws NotFoundException when it is not a UUID: it names no movement
     */
    public static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException malformed) {
            throw notFound();
        }
    }

    /** @throws NotFoundException when this product has no such movement */
    public StockMovementView find(UUID productId, UUID movementId) {
        return movements.findByIdAndProductId(movementId, productId).map(StockMovementView::of)
            .orElseThrow(StockMovements::notFound);
    }

    /** @throws NotFoundException when there is no such product */
    public Page<StockMovementView> list(UUID id, int limit, @Nullable String cursor) {
        if (products.findById(id).isEmpty()) {
            throw Products.notFound();
        }
        return Page.read(cursor, limit, (createdAt, after, count) -> movements.findPage(id, createdAt, after, count))
            .map(StockMovementView::of);
    }

    private static NotFoundException notFound() {
        return new NotFoundException("stock movement", "No stock movement with this id exists for this product.");
    }
}
