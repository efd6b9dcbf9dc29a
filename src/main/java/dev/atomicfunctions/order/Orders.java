package dev.atomicfunctions.order;

import dev.atomicfunctions.audit.AuditAction;
import dev.atomicfunctions.audit.AuditTrail;
import dev.atomicfunctions.http.request.EntityTags;
import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.idempotency.IdempotentRequest;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.error.ConcurrentlyModifiedException;
import dev.atomicfunctions.platform.error.EmptyPatchException;
import dev.atomicfunctions.platform.error.NotFoundException;
import dev.atomicfunctions.platform.error.VersionMismatchException;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.paging.KeysetPage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
class Orders {

    private static final Logger SECURITY = LoggerFactory.getLogger("security");

    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final OrderRelease release;
    private final AuditTrail audit;
    private final IdempotencyKeys idempotency;
    private final Clock clock;

    Orders(OrderRepository orders, OrderLineRepository lines, OrderRelease release, AuditTrail audit,
           IdempotencyKeys idempotency, Clock clock) {
        this.orders = orders;
        this.lines = lines;
        this.release = release;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    OrderView get(Invocation invocation, String id) {
        Order order = owned(invocation, id);
        return OrderView.of(order, lines.findByOrderIdOrderByLineNo(order.id()));
    }

    OrderPage list(Invocation invocation, @Nullable OrderStatus status, int limit, @Nullable String cursor) {
        KeysetPage<Order> page = KeysetPage.read(cursor, limit, (createdAt, id, count) ->
            orders.findPage(invocation.subject(), status == null ? null : status.name(), createdAt, id, count));
        Map<UUID, List<OrderLine>> linesByOrder = page.rows().isEmpty() ? Map.of()
            : lines.findByOrderIdInOrderByLineNo(page.rows().stream().map(Order::id).toList()).stream()
                .collect(Collectors.groupingBy(OrderLine::orderId));
        return new OrderPage(page.rows().stream()
            .map(o -> OrderView.of(o, linesByOrder.getOrDefault(o.id(), List.of()))).toList(), page.nextCursor());
    }

    /** Changes the note of a PLACED order, only at the version the caller read (and named in If-Match). */
    OrderView changeNote(Invocation invocation, String id, OrderPatch patch, @Nullable String ifMatch) {
        if (patch.note() == null) {
            throw new EmptyPatchException("note");
        }
        Order current = checked(owned(invocation, id), ifMatch);
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

    private static final String CANCEL_OPERATION = "POST /orders/{id}/cancel";

    Outcome<OrderView> cancel(Invocation invocation, String id, @Nullable String idempotencyKey) {
        return idempotency.once(invocation, new IdempotentRequest(CANCEL_OPERATION, idempotencyKey,
            new CancelRequest(id)), OrderView.class, () -> release.release(invocation, locked(invocation, id),
            OrderStatus.CANCELLED));
    }

    /** Deletes a finished order that never shipped; its stock movements and audit trail stay. */
    void delete(Invocation invocation, String id, @Nullable String ifMatch) {
        Order current = checked(locked(invocation, id), ifMatch);
        if (current.status() != OrderStatus.CANCELLED && current.status() != OrderStatus.EXPIRED) {
            throw new OrderStateConflictException(current.status(), "CANCELLED or EXPIRED");
        }
        if (orders.deleteIfVersion(current.id(), current.version()) == 0) {
            throw new ConcurrentlyModifiedException(OrderEvents.AGGREGATE);
        }
        audit.record(invocation, AuditAction.DELETE, OrderEvents.AGGREGATE, current.id().toString(), List.of());
    }

    private Order owned(Invocation invocation, String id) {
        UUID uuid = parse(id);
        return orders.findByIdAndOwnerId(uuid, invocation.subject()).orElseThrow(() -> notFound(invocation, uuid));
    }

    private Order locked(Invocation invocation, String id) {
        UUID uuid = parse(id);
        return orders.lockByIdAndOwnerId(uuid, invocation.subject()).orElseThrow(() -> notFound(invocation, uuid));
    }

    private static Order checked(Order current, @Nullable String ifMatch) {
        if (!EntityTags.matches(ifMatch, current.version())) {
            throw new VersionMismatchException(OrderEvents.AGGREGATE);
        }
        return current;
    }

    private NotFoundException notFound(Invocation invocation, UUID id) {
        if (orders.existsById(id)) {
            // Answered as "not found" so existence is not revealed, but someone probed a foreign id: keep a trace.
            SECURITY.atWarn().addKeyValue("orderId", id).addKeyValue("caller", invocation.subject())
                .log("refused access to an order owned by another caller");
        }
        return new NotFoundException(OrderEvents.AGGREGATE);
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // A malformed id names no order: same answer as an unknown one.
            throw new NotFoundException(OrderEvents.AGGREGATE);
        }
    }
}
