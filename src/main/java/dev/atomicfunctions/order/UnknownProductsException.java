package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;

import java.util.List;
import java.util.Map;

/** Some lines name no product; the problem lists them ({@code unknownProducts}: the ids or SKUs as sent). */
final class UnknownProductsException extends DomainException {

    private final List<String> unknownProducts;

    UnknownProductsException(List<String> unknownProducts) {
        super(ErrorKind.UNPROCESSABLE, "unknown-products", "Unknown products",
            "No product exists for " + unknownProducts.size() + " line(s).");
        this.unknownProducts = List.copyOf(unknownProducts);
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("unknownProducts", unknownProducts);
    }
}
