package dev.atomicfunctions.product;

import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.invocation.AdministratorsOnly;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.transaction.Command;
import dev.atomicfunctions.platform.transaction.EntryPoint;
import dev.atomicfunctions.platform.version.Precondition;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * The catalogue's commands, for administrators only (decided before any connection is taken): each method begins and
 * ends its own transaction with the policy {@link Command} declares, and is called from outside every transaction,
 * never by a service or another command.
 */
@EntryPoint
@Singleton
public class ProductCommands {

    private final Products products;
    private final StockMovements movements;

    ProductCommands(Products products, StockMovements movements) {
        this.products = products;
        this.movements = movements;
    }

    @Command
    @AdministratorsOnly
    public Outcome<CreatedProduct> create(Invocation invocation, NewProduct product,
                                          @Nullable String idempotencyKey) {
        return products.create(invocation, product, idempotencyKey);
    }

    @Command
    @AdministratorsOnly
    public ProductView update(Invocation invocation, UUID id, ProductPatch patch, Precondition precondition) {
        return products.update(invocation, id, patch, precondition);
    }

    @Command
    @AdministratorsOnly
    public Outcome<RecordedMovement> recordMovement(Invocation invocation, UUID id, NewStockMovement movement,
                                                    @Nullable String idempotencyKey) {
        return movements.record(invocation, id, movement, idempotencyKey);
    }
}
