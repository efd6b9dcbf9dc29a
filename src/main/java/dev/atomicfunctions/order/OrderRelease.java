package dev.atomicfunctions.order;

import dev.atomicfunctions.audit.AuditAction;
import dev.atomicfunctions.audit.AuditTrail;
import dev.atomicfunctions.outbox.Outbox;
import dev.atomicfunctions.platform.error.ConcurrentlyModifiedException;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.product.MovementKind;
import dev.atomicfunctions.product.Stock;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ends a placed order without fulfilling it (its owner cancels it, or the expiry job expires it): the order, locked
 * by the caller, moves to its final state, every line's units go back to stock (one {@code RELEASE} movement per
 * line), and the audit row and the outbox event are written, all in the caller's transaction.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
class OrderRelease {

    private final Stock stock;
    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;

    OrderRelease(Stock stock, OrderRepository orders, OrderLineRepository lines, AuditTrail audit, Outbox outbox,
                 Clock clock) {
        this.stock = stock;
        this.orders = orders;
        this.lines = lines;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param order a PLACED order this transaction has locked
     * @param to    {@code CANCELLED} or {@code EXPIRED}
     * @return the order as it now is
     */
    OrderView release(Invocation invocation, Order order, OrderStatus to) {
        if (order.status() != OrderStatus.PLACED) {
            throw new OrderStateConflictException(order.status(), OrderStatus.PLACED.name());
        }
        List<OrderLine> orderLines = lines.findByOrderIdOrderByLineNo(order.id());
        // Products locked in id order, as placement locks them: the two never wait on each other in a cycle.
        stock.lock(orderLines.stream().map(OrderLine::productId).collect(Collectors.toSet()), List.of());
        stock.moveAll(invocation, MovementKind.RELEASE,
            orderLines.stream().map(line -> new Stock.Change(line.productId(), line.quantity())).toList(), order.id());
        Instant now = clock.instant();
        if (orders.updateStatus(order.id(), order.version(), to.name(), now) == 0) {
            throw new ConcurrentlyModifiedException(OrderEvents.AGGREGATE);
        }
        Order released = new Order(order.id(), order.ownerId(), to, order.currency(), order.totalMinor(),
            order.note(), order.createdAt(), now, order.version() + 1);
        OrderView view = OrderView.of(released, orderLines);
        audit.record(invocation, to == OrderStatus.CANCELLED ? AuditAction.CANCEL : AuditAction.EXPIRE,
            OrderEvents.AGGREGATE, order.id().toString(), List.of("status"));
        outbox.append(OrderEvents.AGGREGATE, order.id().toString(),
            to == OrderStatus.CANCELLED ? OrderEvents.CANCELLED : OrderEvents.EXPIRED,
            OrderEvent.of(view, order.ownerId(), now));
        return view;
    }
}
