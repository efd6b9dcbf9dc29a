package dev.atomicfunctions.http.order;

import dev.atomicfunctions.http.request.PrimingRequests;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The orders' paths for SnapStart priming: a list, an order refused for an unknown product (with its failed-attempt
 * audit), then, in one transaction, a product of the priming's own and an order for it, which succeeds (the
 * catalogue's create path with it).
 */
@Singleton
@Order(2)
final class OrderPrimingRequests implements PrimingRequests {

    /** A product id no catalogue holds (a version-4 UUID of zeros). */
    private static final String NO_PRODUCT = "00000000-0000-4000-8000-000000000000";
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    @Override
    public List<PrimingRequest> alone() {
        return List.of(
            new PrimingRequest("GET", "/orders", null, 200),
            new PrimingRequest("POST", "/orders", order(NO_PRODUCT), 422));
    }

    @Override
    public List<Function<String, PrimingRequest>> together() {
        return List.of(
            before -> new PrimingRequest("POST", "/products", "{\"sku\":\"SNAPSTART-PRIMING-" + UUID.randomUUID()
                + "\",\"name\":\"SnapStart priming\",\"priceMinor\":100,\"currency\":\"EUR\",\"initialStock\":10}", 201),
            product -> {
                Matcher id = ID.matcher(product == null ? "" : product);
                return new PrimingRequest("POST", "/orders", order(id.find() ? id.group(1) : NO_PRODUCT), 201);
            });
    }

    private static String order(String productId) {
        return "{\"lines\":[{\"productId\":\"" + productId + "\",\"quantity\":1}]}";
    }
}
