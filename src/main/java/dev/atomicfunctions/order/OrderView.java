package dev.atomicfunctions.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as its owner sees it: every value as stored after commit. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrderView(UUID id,
                        OrderStatus status,
                        List<Line> lines,
                        long totalMinor,
                        String currency,
                        @Nullable String note,
                        Instant createdAt,
                        Instant updatedAt,
                        long version) {

    /** A line with the unit price snapshotted when the order was placed. */
    @Serdeable
    record Line(UUID productId, String sku, int quantity, long unitPriceMinor) {
    }

    static OrderView of(Order order, List<OrderLine> lines) {
        return new OrderView(order.id(), order.status(),
            lines.stream().map(l -> new Line(l.productId(), l.sku(), l.quantity(), l.unitPriceMinor())).toList(),
            order.totalMinor(), order.currency(), order.note(), order.createdAt(), order.updatedAt(), order.version());
    }
}
