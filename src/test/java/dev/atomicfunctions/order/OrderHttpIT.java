package dev.atomicfunctions.order;

import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The life of an order over HTTP, each step proven on the rows: stock, lines, movements, audit, outbox. */
class OrderHttpIT extends OrderHttpTestBase {

    @Test
    void placesAnOrderReservingEveryLineInOneTransaction() {
        UUID pen = Catalogue.product("EUR", 250, 10);
        UUID ink = Catalogue.product("EUR", 1200, 5);
        String body = "{\"lines\":[{\"productId\":\"" + pen + "\",\"quantity\":3},"
            + "{\"sku\":\"" + Catalogue.sku(ink).toLowerCase() + "\",\"quantity\":2}],\"note\":\"gift\"}";

        Http.Response response = http.send("POST", "/orders", alice, body);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        Map<String, Object> order = response.json();
        String id = (String) order.get("id");
        assertThat(response.header("Location")).isEqualTo("/orders/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(order).containsEntry("status", "PLACED").containsEntry("totalMinor", 3 * 250 + 2 * 1200)
            .containsEntry("currency", "EUR").containsEntry("note", "gift");
        assertThat(order.get("lines")).asList().containsExactly(
            Map.of("productId", pen.toString(), "sku", Catalogue.sku(pen), "quantity", 3, "unitPriceMinor", 250),
            Map.of("productId", ink.toString(), "sku", Catalogue.sku(ink), "quantity", 2, "unitPriceMinor", 1200));
        assertThat(Catalogue.stock(pen)).isEqualTo(7);
        assertThat(Catalogue.stock(ink)).isEqualTo(3);
        assertThat(orderRow(id)).containsEntry("owner_id", alice).containsEntry("status", "PLACED");
        assertThat(Db.count("SELECT count(*) FROM order_line WHERE order_id = ?::uuid", id)).isEqualTo(2);
        assertThat(movements(id)).extracting(m -> m.get("kind") + " " + m.get("quantity"))
            .containsExactlyInAnyOrder("RESERVATION -3", "RESERVATION -2");
        assertThat(auditActions(id)).containsExactly("CREATE");
        assertThat(outbox(id)).singleElement().satisfies(event -> {
            assertThat(event).containsEntry("event_type", "order.placed");
            assertThat((String) event.get("payload")).contains(id, alice, "\"totalMinor\": 3150");
        });
        assertThat(Catalogue.conserved(pen)).isTrue();
        assertThat(Catalogue.conserved(ink)).isTrue();
    }

    @Test
    void refusesAnOrderShortOfStockListingEveryShortLineAndWritesNothing() {
        UUID plenty = Catalogue.product("EUR", 100, 50);
        UUID few = Catalogue.product("EUR", 100, 2);
        UUID none = Catalogue.product("EUR", 100, 0);
        Map<UUID, Integer> lines = new LinkedHashMap<>();
        lines.put(plenty, 5);
        lines.put(few, 3);
        lines.put(none, 1);

        Http.Response response = http.send("POST", "/orders", alice, order(lines));

        assertProblem(response, 409);
        assertThat(response.json().get("shortLines")).asList().containsExactlyInAnyOrder(
            Map.of("productId", few.toString(), "sku", Catalogue.sku(few), "requested", 3, "available", 2),
            Map.of("productId", none.toString(), "sku", Catalogue.sku(none), "requested", 1, "available", 0));
        assertThat(List.of(Catalogue.stock(plenty), Catalogue.stock(few), Catalogue.stock(none)))
            .containsExactly(50, 2, 0);
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", alice)).isZero();
        assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE product_id IN (?, ?, ?) AND kind = "
            + "'RESERVATION'", plenty, few, none)).isZero();
        assertThat(Db.rows("SELECT action, reason, correlation_id FROM audit_entry WHERE actor = ?", alice))
            .singleElement().satisfies(audit -> assertThat(audit)
                .containsEntry("action", "ATTEMPT_FAILED").containsEntry("reason", "place: insufficient-stock")
                .containsEntry("correlation_id", response.header("X-Correlation-Id")));
    }

    @Test
    void refusesUnknownProductsAndMixedCurrenciesWith422() {
        UUID euro = Catalogue.product("EUR", 100, 5);
        UUID dollar = Catalogue.product("USD", 100, 5);
        UUID missing = UUID.randomUUID();

        Http.Response unknown = http.send("POST", "/orders", alice, "{\"lines\":[{\"productId\":\"" + missing
            + "\",\"quantity\":1},{\"sku\":\"NO-SUCH-SKU\",\"quantity\":1},{\"productId\":\"" + euro
            + "\",\"quantity\":1}]}");
        Http.Response mixed = http.send("POST", "/orders", alice, order(Map.of(euro, 1, dollar, 1)));

        assertProblem(unknown, 422);
        assertThat(unknown.json().get("unknownProducts")).asList().containsExactly(missing.toString(), "NO-SUCH-SKU");
        assertProblem(mixed, 422);
        assertThat(mixed.json().get("currencies")).asList().containsExactly("EUR", "USD");
        assertThat(List.of(Catalogue.stock(euro), Catalogue.stock(dollar))).containsExactly(5, 5);
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", alice)).isZero();
    }

    @Test
    void refusesTheSameProductTwiceAndLinesNamingNoProduct() {
        UUID pen = Catalogue.product("EUR", 100, 5);
        String twice = "{\"lines\":[{\"productId\":\"" + pen + "\",\"quantity\":1},{\"sku\":\""
            + Catalogue.sku(pen) + "\",\"quantity\":1}]}";

        assertProblem(http.send("POST", "/orders", alice, twice), 400);
        assertProblem(http.send("POST", "/orders", alice, "{\"lines\":[{\"quantity\":1}]}"), 400);
        assertProblem(http.send("POST", "/orders", alice, "{\"lines\":[]}"), 400);
        assertThat(Catalogue.stock(pen)).isEqualTo(5);
    }

    @Test
    void refusesAnOrderWithContentAfterItsJsonValueAndReservesNothing() {
        UUID pen = Catalogue.product("EUR", 100, 5);
        String order = order(Map.of(pen, 2));

        assertProblem(http.send("POST", "/orders", alice, order + " xyz"), 400);
        assertProblem(http.send("POST", "/orders", alice, order + order), 400);
        assertThat(Catalogue.stock(pen)).isEqualTo(5);
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", alice)).isZero();
    }

    @Test
    void cancelsAPlacedOrderGivingItsStockBackOnce() {
        UUID pen = Catalogue.product("EUR", 100, 4);
        String id = place(alice, Map.of(pen, 3));

        Http.Response cancelled = http.send("POST", "/orders/" + id + "/cancel", alice, null);
        Http.Response again = http.send("POST", "/orders/" + id + "/cancel", alice, null);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json()).containsEntry("status", "CANCELLED").containsEntry("version", 2);
        assertProblem(again, 409);
        assertThat(again.json()).containsEntry("currentStatus", "CANCELLED");
        assertThat(Catalogue.stock(pen)).isEqualTo(4);
        assertThat(movements(id)).extracting(m -> m.get("kind") + " " + m.get("quantity"))
            .containsExactly("RELEASE 3", "RESERVATION -3");
        assertThat(auditActions(id)).containsExactly("CREATE", "CANCEL", "ATTEMPT_FAILED");
        assertThat(outbox(id)).extracting(e -> e.get("event_type")).containsExactly("order.placed", "order.cancelled");
        assertThat(Catalogue.conserved(pen)).isTrue();
    }

    @Test
    void deletesOnlyFinishedOrdersAndKeepsTheirTrail() {
        UUID pen = Catalogue.product("EUR", 100, 4);
        String id = place(alice, Map.of(pen, 1));

        assertProblem(http.send("DELETE", "/orders/" + id, alice, null), 409);
        http.send("POST", "/orders/" + id + "/cancel", alice, null);
        Http.Response deleted = http.send("DELETE", "/orders/" + id, alice, null);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE id = ?::uuid", id)).isZero();
        assertThat(Db.count("SELECT count(*) FROM order_line WHERE order_id = ?::uuid", id)).isZero();
        assertThat(movements(id)).hasSize(2);
        assertThat(auditActions(id)).containsExactly("CREATE", "ATTEMPT_FAILED", "CANCEL", "DELETE");
        assertThat(Catalogue.conserved(pen)).isTrue();
    }

    @Test
    void changesTheNoteOfAPlacedOrderAtTheVersionItWasRead() {
        UUID pen = Catalogue.product("EUR", 100, 4);
        String id = place(alice, Map.of(pen, 1));

        assertProblem(http.send("PATCH", "/orders/" + id, alice, "{\"note\":\"late\"}", "If-Match", "\"7\""), 412);
        Http.Response changed = http.send("PATCH", "/orders/" + id, alice, "{\"note\":\"ring twice\"}",
            "If-Match", "\"1\"");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
        assertThat(orderRow(id)).containsEntry("note", "ring twice").containsEntry("version", 2L);
        http.send("POST", "/orders/" + id + "/cancel", alice, null);
        Http.Response afterCancel = http.send("PATCH", "/orders/" + id, alice, "{\"note\":\"too late\"}");
        assertProblem(afterCancel, 409);
        assertThat(orderRow(id)).containsEntry("note", "ring twice");
    }

    @Test
    void showsEachCallerOnlyItsOwnOrders() {
        UUID pen = Catalogue.product("EUR", 100, 10);
        String first = place(alice, Map.of(pen, 1));
        String second = place(alice, Map.of(pen, 1));
        http.send("POST", "/orders/" + first + "/cancel", alice, null);

        Http.Response page = http.send("GET", "/orders?limit=1", alice, null);
        Http.Response placed = http.send("GET", "/orders?status=PLACED", alice, null);

        assertThat(page.json().get("items")).asList().hasSize(1);
        assertThat(page.json().get("nextCursor")).isNotNull();
        assertThat(ids(placed.json())).containsExactly(second);
        assertProblem(http.send("GET", "/orders/" + second, bob, null), 404);
        assertProblem(http.send("POST", "/orders/" + second + "/cancel", bob, null), 404);
        assertThat(http.send("GET", "/orders", bob, null).json().get("items")).asList().isEmpty();
        assertThat(orderRow(second)).containsEntry("status", "PLACED");
        assertProblem(http.send("GET", "/orders?status=LOST", alice, null), 400);
    }

    @Test
    void replaysARetriedPlacementAndRefusesTheKeyForAnotherOrder() {
        UUID pen = Catalogue.product("EUR", 100, 10);
        String key = "order-" + UUID.randomUUID();

        Http.Response first = http.send("POST", "/orders", alice, order(Map.of(pen, 2)), "Idempotency-Key", key);
        Http.Response retry = http.send("POST", "/orders", alice, order(Map.of(pen, 2)), "Idempotency-Key", key);
        Http.Response other = http.send("POST", "/orders", alice, order(Map.of(pen, 3)), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertProblem(other, 422);
        assertThat(Catalogue.stock(pen)).isEqualTo(8);
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", alice)).isEqualTo(1);
    }

    @Test
    void replaysARetriedCancellation() {
        UUID pen = Catalogue.product("EUR", 100, 10);
        String id = place(alice, Map.of(pen, 2));
        String key = "cancel-" + UUID.randomUUID();

        Http.Response first = http.send("POST", "/orders/" + id + "/cancel", alice, null, "Idempotency-Key", key);
        Http.Response retry = http.send("POST", "/orders/" + id + "/cancel", alice, null, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(Catalogue.stock(pen)).isEqualTo(10);
        assertThat(movements(id)).hasSize(2);
    }

    @Test
    void refusesAKeyReusedToCancelAnotherOrderAndCancelsNothing() {
        UUID pen = Catalogue.product("EUR", 100, 10);
        String first = place(alice, Map.of(pen, 2));
        String second = place(alice, Map.of(pen, 3));
        String key = "cancel-" + UUID.randomUUID();

        Http.Response cancelled = http.send("POST", "/orders/" + first + "/cancel", alice, null, "Idempotency-Key", key);
        Http.Response reused = http.send("POST", "/orders/" + second + "/cancel", alice, null, "Idempotency-Key", key);

        assertThat(cancelled.status()).isEqualTo(200);
        assertProblem(reused, 422);
        assertThat(reused.json()).containsEntry("type", "urn:atomic-functions:problem:idempotency-key-reused");
        assertThat(orderRow(second)).containsEntry("status", "PLACED");
        assertThat(Catalogue.stock(pen)).isEqualTo(7);
        assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?", key)).isEqualTo(1);
    }
}
