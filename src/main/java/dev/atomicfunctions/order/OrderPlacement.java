package dev.atomicfunctions.order;

import dev.atomicfunctions.audit.AuditAction;
import dev.atomicfunctions.audit.AuditTrail;
import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.idempotency.IdempotentRequest;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.outbox.Outbox;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.product.MovementKind;
import dev.atomicfunctions.product.Product;
import dev.atomicfunctions.product.Stock;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Places an order in the caller's transaction: every line's product locked (in id order), checked and reserved,
 * the order and its lines written with the prices of the moment, one movement per line, the audit row and the
 * {@code order.placed} outbox event. Any refusal throws before the first write, and the entry point's rollback
 * undoes everything anyway: there is never half an order.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
class OrderPlacement {

    private static final String OPERATION = "order.place";
    // The name before operations were named as commands: see IdempotentRequest.formerly.
    private static final String FORMERLY = "POST /orders";

    private final Stock stock;
    private final OrderRepository orders;
    private final OrderLineRepository lines;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final IdempotencyKeys idempotency;
    private final Clock clock;

    OrderPlacement(Stock stock, OrderRepository orders, OrderLineRepository lines, AuditTrail audit, Outbox outbox,
                   IdempotencyKeys idempotency, Clock clock) {
        this.stock = stock;
        this.orders = orders;
        this.lines = lines;
        this.audit = audit;
        this.outbox = outbox;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    Outcome<OrderView> place(Invocation invocation, NewOrder request, @Nullable String idempotencyKey) {
        return idempotency.once(invocation, new IdempotentRequest(OPERATION, idempotencyKey, request, FORMERLY),
            OrderView.class, () -> placeNow(invocation, request));
    }

    private OrderView placeNow(Invocation invocation, NewOrder request) {
        request.lines().forEach(OrderPlacement::requireOneProductName);
        List<Product> locked = stock.lock(
            request.lines().stream().map(NewOrder.Line::productId).filter(Objects::nonNull).toList(),
            request.lines().stream().map(NewOrder.Line::sku).filter(Objects::nonNull).toList());
        List<Product> products = ResolvedLines.resolve(request.lines(), locked);
        requireStock(request.lines(), products);

        UUID orderId = UUID.randomUUID();
        Instant now = clock.instant();
        List<OrderLine> orderLines = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            Product product = products.get(i);
            orderLines.add(new OrderLine(UUID.randomUUID(), orderId, i + 1, product.id(), product.sku(),
                request.lines().get(i).quantity(), product.priceMinor()));
        }
        stock.moveAll(invocation, MovementKind.RESERVATION,
            orderLines.stream().map(line -> new Stock.Change(line.productId(), -line.quantity())).toList(), orderId);
        Order order = orders.save(new Order(orderId, invocation.subject(), OrderStatus.PLACED,
            products.getFirst().currency(), total(orderLines), emptyToNull(request.note()), now, now, 1));
        OrderView view = OrderView.of(order, lines.saveAll(orderLines));
        audit.record(invocation, AuditAction.CREATE, OrderEvents.AGGREGATE, orderId.toString(),
            order.note() == null ? List.of("status", "lines") : List.of("status", "lines", "note"));
        outbox.append(OrderEvents.AGGREGATE, orderId.toString(), OrderEvents.PLACED,
            OrderEvent.of(view, invocation.subject(), now));
        return view;
    }

    private static void requireOneProductName(NewOrder.Line line) {
        if ((line.productId() == null) == (line.sku() == null)) {
            throw new LineProductNamingException();
        }
    }

    /** Every line short of stock is listed, not just the first: the caller can fix the whole order at once. */
    private static void requireStock(List<NewOrder.Line> requested, List<Product> products) {
        List<InsufficientStockForOrderException.ShortLine> shortLines = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            Product product = products.get(i);
            if (product.stock() < requested.get(i).quantity()) {
                shortLines.add(new InsufficientStockForOrderException.ShortLine(product.id(), product.sku(),
                    requested.get(i).quantity(), product.stock()));
            }
        }
        if (!shortLines.isEmpty()) {
            throw new InsufficientStockForOrderException(shortLines);
        }
    }

    private static long total(List<OrderLine> orderLines) {
        try {
            long total = 0;
            for (OrderLine line : orderLines) {
                total = Math.addExact(total, Math.multiplyExact(line.unitPriceMinor(), line.quantity()));
            }
            return total;
        } catch (ArithmeticException e) {
            throw new OrderTotalTooLargeException();
        }
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Lower-cased SKU, as the unique index compares them. */
    static String skuKey(String sku) {
        return sku.toLowerCase(Locale.ROOT);
    }
}
