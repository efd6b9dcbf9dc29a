package dev.atomicfunctions.order;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.OpenApiContract;
import dev.atomicfunctions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders API over real HTTP, through the local API Gateway emulation and the real v2 handler. Every response a
 * test class received is checked against the generated OpenAPI document when the class ends.
 */
@ExtendWith(TestDatabase.class)
abstract class OrderHttpTestBase {

    static LocalApiGateway gateway;
    static Http http;
    final String alice = "alice-" + UUID.randomUUID();
    final String bob = "bob-" + UUID.randomUUID();

    @BeforeAll
    static void startGateway() throws IOException {
        gateway = LocalApiGateway.start(0);
        http = new Http(gateway.port());
    }

    @AfterAll
    static void stopGatewayAndCheckResponsesAreDocumented() {
        gateway.close();
        OpenApiContract.load().assertDescribes(http.exchanges());
    }

    /** @return a body ordering {@code quantity} of each product, by id */
    static String order(Map<UUID, Integer> quantities) {
        return "{\"lines\":[" + quantities.entrySet().stream()
            .map(e -> "{\"productId\":\"" + e.getKey() + "\",\"quantity\":" + e.getValue() + "}")
            .collect(Collectors.joining(",")) + "]}";
    }

    static String place(String owner, Map<UUID, Integer> quantities) {
        Http.Response response = http.send("POST", "/orders", owner, order(quantities));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    @SuppressWarnings("unchecked")
    static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(o -> (String) o.get("id")).toList();
    }

    static Map<String, Object> orderRow(String id) {
        return Db.rows("SELECT * FROM customer_order WHERE id = ?::uuid", id).getFirst();
    }

    static List<Map<String, Object>> movements(String orderId) {
        return Db.rows("SELECT product_id, kind, quantity FROM stock_movement WHERE order_id = ?::uuid "
            + "ORDER BY kind, product_id", orderId);
    }

    static List<Map<String, Object>> outbox(String orderId) {
        return Db.rows("SELECT event_type, payload::text AS payload, published_at FROM outbox_event "
            + "WHERE aggregate_id = ? ORDER BY created_at", orderId);
    }

    static List<String> auditActions(String orderId) {
        return Db.rows("SELECT action FROM audit_entry WHERE entity_type = 'order' AND entity_id = ? ORDER BY id",
            orderId).stream().map(r -> (String) r.get("action")).toList();
    }

    static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("\tat ", "SQL", "org.", "io.micronaut");
    }
}
