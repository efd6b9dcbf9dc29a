package dev.atomicfunctions.order;

import dev.atomicfunctions.audit.AuditAction;
import dev.atomicfunctions.audit.AuditTrail;
import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.idempotency.IdempotentRequest;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.database.DatabaseEngine;
import dev.atomicfunctions.platform.error.ConcurrentlyModifiedException;
import dev.atomicfunctions.platform.error.EmptyPatchException;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.invocation.Lookups;
import dev.atomicfunctions.platform.paging.Page;
import dev.atomicfunctions.platform.version.Precondition;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The caller's orders: read, note changed, cancelled, deleted. A caller only ever sees its own orders; another
 * caller's order is answered exactly like one that does not exist.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class Orders {


    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final OrderRelease release;
    private final AuditTrail audit;
    private final IdempotencyKeys idempotency;
    private final Clock clock;
    private final DatabaseEngine engine;

    Orders(OrderRepository orders, OrderLineRepository lines, OrderRelease release, AuditTrail audit,
           IdempotencyKeys idempotency, Clock clock, DatabaseEngine engine) {
        this.orders = orders;
        this.lines = lines;
        this.release = release;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
        this.engine = engine;
    }

    /**
     * @return the id a caller gave, when it is one
     * @throws NotFoundException when it is not a UUID: it names no order
     */
    public static UUID id(String id) {
        return Lookups.id(OrderEvents.AGGREGATE, id);
    }

    public OrderView get(Invocation invocation, UUID id) {
        Order order = owned(invocation, id);
        return OrderView.of(order, lines.findByOrderIdOrderByLineNo(order.id()));
    }

    public Page<OrderView> list(Invocation invocation, @Nullable OrderStatus status, int limit,
                                @Nullable String cursor) {
        Page<Order> page = Page.read(cursor, limit, (createdAt, id, count) ->
            orders.findPage(invocation.subject(), status == null ? null : status.name(), createdAt, id, count));
        Map<UUID, List<OrderLine>> linesByOrder = page.items().isEmpty() ? Map.of()
            : lines.findByOrderIdInOrderByLineNo(page.items().stream().map(Order::id).toList()).stream()
                .collect(Collectors.groupingBy(OrderLine::orderId));
        return page.map(o -> OrderView.of(o, linesByOrder.getOrDefault(o.id(), List.of())));
    }

    /** Changes the note of a PLACED order, only at the version the caller read (and named in If-Match). */
    OrderView changeNote(Invocation invocation, UUID id, OrderPatch patch, Precondition precondition) {
        if (patch.note() == null) {
            throw new EmptyPatchException("note");
        }
        Order current = owned(invocation, id);
        precondition.check(OrderEvents.AGGREGATE, current.version());
        if (current.status() != OrderStatus.PLACED) {
            throw new OrderStateConflictException(current.status(), OrderStatus.PLACED.name());
        }
        String note = patch.note().isEmpty() ? null : patch.note();
        if (Objects.equals(note, current.note())) {
            return OrderView.of(current, lines.findByOrderIdOrderByLineNo(current.id()));
        }
        Instant now = clock.instant();
        if (orders.updateNoteIfPlaced(current.id(), current.version(), note, now) == 0) {
            throw new ConcurrentlyModifiedException(OrderEvents.AGGREGATE);
        }
        audit.record(invocation, AuditAction.UPDATE, OrderEvents.AGGREGATE, current.id().toString(), List.of("note"));
        Order changed = new Order(current.id(), current.ownerId(), current.status(), current.currency(),
            current.totalMinor(), note, current.createdAt(), now, current.version() + 1);
        return OrderView.of(changed, lines.findByOrderIdOrderByLineNo(current.id()));
    }

    /**
     * A cancellation as understood, fingerprinted by its idempotency key: which order it names. A key is scoped to
     * the caller and the operation (the route, not the path): the same key sent to cancel another order is another
     * request with a reused key (422), not a second cancellation.
     */
    @Serdeable
    record CancelRequest(String orderId) {
    }

    private static final String CANCEL_OPERATION = "order.cancel";
    // The name before operations were named as commands: see IdempotentRequest.formerly.
    private static final String CANCEL_FORMERLY = "POST /orders/{id}/cancel";

    Outcome<OrderView> cancel(Invocation invocation, UUID id, @Nullable String idempotencyKey) {
        return idempotency.once(invocation, new IdempotentRequest(CANCEL_OPERATION, idempotencyKey,
            new CancelRequest(id.toString()), CANCEL_FORMERLY), OrderView.class,
            () -> release.release(invocation, locked(invocation, id), OrderStatus.CANCELLED));
    }

    /** Deletes a finished order that never shipped; its stock movements and audit trail stay. */
    void delete(Invocation invocation, UUID id, Precondition precondition) {
        Order current = locked(invocation, id);
        precondition.check(OrderEvents.AGGREGATE, current.version());
        if (current.status() != OrderStatus.CANCELLED && current.status() != OrderStatus.EXPIRED) {
            throw new OrderStateConflictException(current.status(), "CANCELLED or EXPIRED");
        }
        if (orders.deleteIfVersion(current.id(), current.version()) == 0) {
            throw new ConcurrentlyModifiedException(OrderEvents.AGGREGATE);
        }
        audit.record(invocation, AuditAction.DELETE, OrderEvents.AGGREGATE, current.id().toString(), List.of());
    }

    private Order owned(Invocation invocation, UUID id) {
        return Lookups.owned(OrderEvents.AGGREGATE, id, invocation, orders::findByIdAndOwnerId, orders::existsById);
    }

    /** The caller's order, to be written: locked where the engine needs it (DatabaseEngine#locksRowsBeforeWriting). */
    private Order locked(Invocation invocation, UUID id) {
        if (!engine.locksRowsBeforeWriting()) {
            return owned(invocation, id);
        }
        return Lookups.owned(OrderEvents.AGGREGATE, id, invocation, orders::lockByIdAndOwnerId, orders::existsById);
    }
}
