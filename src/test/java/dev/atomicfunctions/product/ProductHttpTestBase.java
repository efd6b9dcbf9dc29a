package dev.atomicfunctions.product;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.GatewayHttpTest;
import dev.atomicfunctions.support.Http;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The products API over real HTTP ({@link GatewayHttpTest}): an administrator (in the {@code admin} group, which the
 * local gateway puts into {@code cognito:groups}), a caller who is none, and product helpers. Every test uses its
 * own callers and SKUs.
 */
abstract class ProductHttpTestBase extends GatewayHttpTest {

    final String admin = "admin-" + UUID.randomUUID();
    final String customer = "customer-" + UUID.randomUUID();

    /** A request as an administrator. */
    static Http.Response asAdmin(String subject, String method, String path, String body, String... headers) {
        String[] withGroups = Stream.concat(Stream.of(LocalApiGateway.DEV_GROUPS_HEADER, "users,admin"),
            Arrays.stream(headers)).toArray(String[]::new);
        return http.send(method, path, subject, body, withGroups);
    }

    static String freshSku() {
        return "SKU-" + UUID.randomUUID();
    }

    static String newProduct(String sku, String name, long priceMinor, String currency, Integer initialStock) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"" + name + "\",\"priceMinor\":" + priceMinor
            + ",\"currency\":\"" + currency + "\"" + (initialStock == null ? "" : ",\"initialStock\":" + initialStock)
            + "}";
    }

    /** @return the id of a new product with this initial stock, created by {@code admin} */
    String create(String sku, int initialStock) {
        Http.Response response = asAdmin(admin, "POST", "/products",
            newProduct(sku, "Product " + sku, 1999, "EUR", initialStock));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    static String movement(String kind, int quantity, String reason) {
        return "{\"kind\":\"" + kind + "\",\"quantity\":" + quantity + ",\"reason\":\"" + reason + "\"}";
    }

    static Map<String, Object> productRow(String id) {
        return Db.rows("SELECT * FROM product WHERE id = ?::uuid", id).getFirst();
    }

    static long movements(String productId) {
        return Db.count("SELECT count(*) FROM stock_movement WHERE product_id = ?::uuid", productId);
    }

    /** @return the sum of the product's movements, which its stock must always equal */
    static long movedStock(String productId) {
        return Db.count("SELECT coalesce(sum(quantity), 0) FROM stock_movement WHERE product_id = ?::uuid", productId);
    }

    static long audits(String entityId) {
        return Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ?", entityId);
    }

    static long auditsBy(String actor) {
        return Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", actor);
    }

    static long productsWithSku(String sku) {
        return Db.count("SELECT count(*) FROM product WHERE lower(sku) = lower(?)", sku);
    }
}
