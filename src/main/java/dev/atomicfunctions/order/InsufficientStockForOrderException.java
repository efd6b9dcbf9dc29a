package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Some lines ask for more than is in stock; the problem lists every one of them ({@code shortLines}). */
final class InsufficientStockForOrderException extends DomainException {

    private final List<ShortLine> shortLines;

    InsufficientStockForOrderException(List<ShortLine> shortLines) {
        super(ErrorKind.CONFLICT, "insufficient-stock", "Insufficient stock",
            shortLines.size() + " line(s) ask for more than is in stock; nothing was reserved.");
        this.shortLines = List.copyOf(shortLines);
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("shortLines", shortLines);
    }

    /** A line the stock cannot serve. */
    @Serdeable
    record ShortLine(UUID productId, String sku, int requested, int available) {
    }
}
