package dev.atomicfunctions.product;

import dev.atomicfunctions.audit.AuditAction;
import dev.atomicfunctions.audit.AuditTrail;
import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.idempotency.IdempotentRequest;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.database.DatabaseEngine;
import dev.atomicfunctions.platform.error.ConcurrentlyModifiedException;
import dev.atomicfunctions.platform.error.EmptyPatchException;
import dev.atomicfunctions.platform.error.NotFoundException;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.invocation.Lookups;
import dev.atomicfunctions.platform.paging.Page;
import dev.atomicfunctions.platform.transaction.LostRaceException;
import dev.atomicfunctions.platform.transaction.Savepoints;
import dev.atomicfunctions.platform.version.Precondition;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The catalogue operations. They run inside the transaction of the entry point that calls them and never begin,
 * commit or roll back one: a failure anywhere undoes the whole request, audit row and initial receipt included.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class Products {

    static final String ENTITY = "product";
    private static final String CREATE_OPERATION = "product.create";
    // The name before operations were named as commands: see IdempotentRequest.formerly.
    private static final String CREATE_FORMERLY = "POST /products";
    private static final String INITIAL_RECEIPT_REASON = "initial stock";

    private final ProductRepository products;
    private final Stock stock;
    private final Savepoints savepoints;
    private final AuditTrail audit;
    private final IdempotencyKeys idempotency;
    private final Clock clock;
    private final DatabaseEngine engine;

    Products(ProductRepository products, Stock stock, Savepoints savepoints,
             AuditTrail audit, IdempotencyKeys idempotency, Clock clock, DatabaseEngine engine) {
        this.products = products;
        this.stock = stock;
        this.savepoints = savepoints;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
        this.engine = engine;
    }

    /**
     * Creates a product and, with initial stock, its first receipt, in the caller's transaction; with an
     * idempotency key, a retry of the same request answers as the first one did and writes nothing.
     *
     * @throws DuplicateSkuException          when another product has the SKU, whatever its case
     */
    Outcome<CreatedProduct> create(Invocation invocation, NewProduct request, @Nullable String idempotencyKey) {
        NewProduct understood = request.understood();
        return idempotency.once(invocation, new IdempotentRequest(CREATE_OPERATION, idempotencyKey, understood,
            CREATE_FORMERLY),
            CreatedProduct.class, () -> insert(invocation, understood));
    }

    private CreatedProduct insert(Invocation invocation, NewProduct request) {
        Instant now = clock.instant();
        // Stock starts at 0 and the initial stock comes in as a receipt, so that stock = the sum of the movements.
        Product product = new Product(UUID.randomUUID(), request.sku(), request.name(), request.priceMinor(),
            request.currency(), 0, now, now, 1);
        insertUnlessSkuTaken(product);
        StockMovement receipt = null;
        if (request.initialStock() > 0) {
            receipt = stock.move(invocation, product.id(), MovementKind.RECEIPT, request.initialStock(),
                INITIAL_RECEIPT_REASON, null);
            product = products.findById(product.id()).orElseThrow(Products::notFound);
        }
        audit.record(invocation, AuditAction.CREATE, ENTITY, product.id().toString(), receipt == null
            ? List.of("sku", "name", "priceMinor", "currency")
            : List.of("sku", "name", "priceMinor", "currency", "stock"));
        return CreatedProduct.of(product, receipt);
    }

    /**
     * The unique index on {@code lower(sku)} decides, not a look-up before the insert (two requests could both find
     * nothing). The insert runs in a savepoint: a unique violation aborts the whole PostgreSQL transaction unless it
     * happened inside one, and the conflicting product must still be read. It has committed (the insert waited for
     * it), so this statement sees it. A second transaction to read it is no option: a Lambda environment's pool has
     * one connection, held by this transaction. The exception then rolls the whole request back.
     */
    private void insertUnlessSkuTaken(Product product) {
        if (!engine.hasSavepoints()) {
            insertAfterLookingUp(product);
            return;
        }
        try {
            savepoints.attempt(() -> products.save(product));
        } catch (RuntimeException failure) {
            if (!UniqueViolation.causedBy(failure)) {
                throw failure;
            }
            Product existing = products.findBySkuIgnoringCase(product.sku()).orElseThrow(() -> failure);
            throw new DuplicateSkuException(ProductView.of(existing));
        }
    }

    /**
     * Without savepoints (DSQL), the SKU is looked up first. A unique violation at the insert then means that a
     * product with it committed meanwhile: the transaction is run again ({@link LostRaceException}) and finds it.
     */
    private void insertAfterLookingUp(Product product) {
        Optional<Product> existing = products.findBySkuIgnoringCase(product.sku());
        if (existing.isPresent()) {
            throw new DuplicateSkuException(ProductView.of(existing.get()));
        }
        try {
            products.save(product);
        } catch (RuntimeException failure) {
            throw UniqueViolation.causedBy(failure) ? new LostRaceException(failure) : failure;
        }
    }

    /** @throws NotFoundException when there is no such product (or the id is malformed) */
    public ProductView get(UUID id) {
        return ProductView.of(find(id));
    }

    private Product find(UUID id) {
        return products.findById(id).orElseThrow(Products::notFound);
    }

    public Page<ProductView> list(int limit, @Nullable String cursor) {
        return Page.read(cursor, limit, products::findPage).map(ProductView::of);
    }

    /**
     * Applies the patch only to the version the caller read (and named in If-Match, when given). Any change of the
     * product counts, a stock movement included: the version covers the whole row.
     */
    ProductView update(Invocation invocation, UUID id, ProductPatch patch, Precondition precondition) {
        if (patch.isEmpty()) {
            throw new EmptyPatchException("name", "priceMinor");
        }
        Product current = find(id);
        precondition.check(ENTITY, current.version());
        String name = patch.name() != null ? patch.name() : current.name();
        long priceMinor = patch.priceMinor() != null ? patch.priceMinor() : current.priceMinor();
        List<String> fields = new ArrayList<>(2);
        if (!name.equals(current.name())) {
            fields.add("name");
        }
        if (priceMinor != current.priceMinor()) {
            fields.add("priceMinor");
        }
        if (fields.isEmpty()) {
            return ProductView.of(current);
        }
        Instant now = clock.instant();
        if (products.updateIfVersion(current.id(), current.version(), name, priceMinor, now) == 0) {
            throw new ConcurrentlyModifiedException(ENTITY);
        }
        audit.record(invocation, AuditAction.UPDATE, ENTITY, current.id().toString(), fields);
        return ProductView.of(new Product(current.id(), current.sku(), name, priceMinor, current.currency(),
            current.stock(), current.createdAt(), now, current.version() + 1));
    }

    /** @return the failure of a product id that names no product */
    static NotFoundException notFound() {
        return new NotFoundException(ENTITY);
    }

    /**
     * @return the id a caller gave, when it is one
     * @throws NotFoundException when it is not a UUID: it names no product, the same answer as an unknown one
     */
    public static UUID id(String id) {
        return Lookups.id(ENTITY, id);
    }
}
