package dev.atomicfunctions.order;

import dev.atomicfunctions.product.Product;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Matches the lines of a new order to the products they name, and checks that they can form one order. */
final class ResolvedLines {

    private ResolvedLines() {
    }

    /**
     * @param lines    the lines as sent
     * @param products the products found for their ids and SKUs
     * @return each line's product, in line order
     * @throws UnknownProductsException     when a line names no product
     * @throws DuplicateOrderLineException  when two lines name one product
     * @throws MixedCurrenciesException     when the products are priced in several currencies
     */
    static List<Product> resolve(List<NewOrder.Line> lines, List<Product> products) {
        Map<UUID, Product> byId = new HashMap<>();
        Map<String, Product> bySku = new HashMap<>();
        products.forEach(p -> {
            byId.put(p.id(), p);
            bySku.put(OrderPlacement.skuKey(p.sku()), p);
        });
        List<Product> resolved = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (NewOrder.Line line : lines) {
            Product product = line.productId() != null ? byId.get(line.productId())
                : bySku.get(OrderPlacement.skuKey(line.sku()));
            if (product == null) {
                unknown.add(line.productId() != null ? line.productId().toString() : line.sku());
            }
            resolved.add(product);
        }
        if (!unknown.isEmpty()) {
            throw new UnknownProductsException(unknown);
        }
        Set<UUID> seen = new HashSet<>();
        if (!resolved.stream().allMatch(p -> seen.add(p.id()))) {
            throw new DuplicateOrderLineException();
        }
        Set<String> currencies = new TreeSet<>();
        resolved.forEach(p -> currencies.add(p.currency()));
        if (currencies.size() > 1) {
            throw new MixedCurrenciesException(List.copyOf(currencies));
        }
        return resolved;
    }
}
