package dev.atomicfunctions.order;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.GatewayHttpTest;
import dev.atomicfunctions.support.Http;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The orders API over real HTTP ({@link GatewayHttpTest}): order bodies and the rows an order leaves. */
abstract class OrderHttpTestBase extends GatewayHttpTest {

    final String alice = "alice-" + UUID.randomUUID();
    final String bob = "bob-" + UUID.randomUUID();

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
}
