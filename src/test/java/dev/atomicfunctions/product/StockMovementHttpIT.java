package dev.atomicfunctions.product;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Recording and listing stock movements over HTTP: the stock always equals the sum of the movements, never < 0. */
class StockMovementHttpIT extends ProductHttpTestBase {

    @Test
    void recordsAReceiptAndAnswersWithTheStockAfterIt() {
        String id = create(freshSku(), 3);

        Http.Response response = asAdmin(admin, "POST", "/products/" + id + "/stock-movements",
            movement("RECEIPT", 5, "delivery 4711"), "X-Correlation-Id", "corr-receipt-1");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        Map<String, Object> body = response.json();
        String movementId = (String) body.get("id");
        assertThat(response.header("Location")).isEqualTo("/products/" + id + "/stock-movements/" + movementId);
        assertThat(body).containsOnlyKeys("id", "kind", "quantity", "reason", "createdAt", "stock")
            .containsEntry("kind", "RECEIPT").containsEntry("quantity", 5).containsEntry("reason", "delivery 4711")
            .containsEntry("stock", 8);
        Map<String, Object> row = Db.rows("SELECT * FROM stock_movement WHERE id = ?::uuid", movementId).getFirst();
        assertThat(row).containsEntry("product_id", UUID.fromString(id)).containsEntry("kind", "RECEIPT")
            .containsEntry("quantity", 5).containsEntry("reason", "delivery 4711").containsEntry("actor", admin);
        assertThat(Instant.parse((String) body.get("createdAt"))).isEqualTo(instant(row.get("created_at")));
        assertThat(productRow(id)).containsEntry("stock", 8).containsEntry("version", 3L);
        assertThat(movedStock(id)).isEqualTo(8);
        Map<String, Object> audit = lastAudit(id, "UPDATE");
        assertThat(audit).containsEntry("entity_type", "product").containsEntry("actor", admin)
            .containsEntry("correlation_id", "corr-receipt-1");
        assertThat(changedFields(audit)).containsExactly("stock");
    }

    @Test
    void takesStockOutWithANegativeAdjustmentDownToZero() {
        String id = create(freshSku(), 4);

        Http.Response response = asAdmin(admin, "POST", "/products/" + id + "/stock-movements",
            movement("ADJUSTMENT", -4, "broken in the warehouse"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json()).containsEntry("quantity", -4).containsEntry("stock", 0);
        assertThat(productRow(id)).containsEntry("stock", 0);
        assertThat(movedStock(id)).isZero();
        assertThat(movements(id)).isEqualTo(2);
    }

    @Test
    void refusesToTakeTheStockBelowZeroAndSaysWhatIsAvailable() {
        String id = create(freshSku(), 2);

        Http.Response response = asAdmin(admin, "POST", "/products/" + id + "/stock-movements",
            movement("ADJUSTMENT", -3, "count after inventory"));

        assertProblem(response, 409);
        assertThat(response.json()).containsEntry("type", "urn:atomic-functions:problem:insufficient-stock")
            .containsEntry("available", 2);
        assertThat(productRow(id)).containsEntry("stock", 2).containsEntry("version", 2L);
        assertThat(movements(id)).isEqualTo(1);
        assertThat(audits(id)).isEqualTo(1);
    }

    @Test
    void refusesAReceiptThatWouldTakeTheStockBeyondWhatItCanHoldAndWritesNothing() {
        String id = create(freshSku(), 10);

        Http.Response response = asAdmin(admin, "POST", "/products/" + id + "/stock-movements",
            movement("RECEIPT", Integer.MAX_VALUE, "a typo in the delivery note"));

        assertProblem(response, 409);
        assertThat(response.json()).containsEntry("type", "urn:atomic-functions:problem:stock-limit")
            .containsEntry("available", 10);
        assertThat(productRow(id)).containsEntry("stock", 10).containsEntry("version", 2L);
        assertThat(movements(id)).isEqualTo(1);
        assertThat(audits(id)).isEqualTo(1);
    }

    @Test
    void readsARecordedMovementWhereItsLocationPointsAndNowhereElse() {
        String id = create(freshSku(), 3);
        String other = create(freshSku(), 3);
        Http.Response recorded = asAdmin(admin, "POST", "/products/" + id + "/stock-movements",
            movement("RECEIPT", 5, "delivery 4712"));
        String location = recorded.header("Location");
        String movementId = (String) recorded.json().get("id");

        Http.Response read = http.send("GET", location, customer, null);
        Http.Response underAnotherProduct = http.send("GET", "/products/" + other + "/stock-movements/" + movementId,
            customer, null);
        Http.Response malformed = http.send("GET", "/products/" + id + "/stock-movements/not-a-uuid", customer, null);

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json()).containsEntry("id", movementId).containsEntry("kind", "RECEIPT")
            .containsEntry("quantity", 5).containsEntry("reason", "delivery 4712").containsEntry("orderId", null);
        assertProblem(underAnotherProduct, 404);
        assertProblem(malformed, 404);
        assertThat(underAnotherProduct.json()).containsEntry("type",
            "urn:atomic-functions:problem:stock-movement-not-found");
    }

    @Test
    void answers404ForAMovementOfAnUnknownProduct() {
        String unknown = UUID.randomUUID().toString();

        Http.Response response = asAdmin(admin, "POST", "/products/" + unknown + "/stock-movements",
            movement("RECEIPT", 1, "lost delivery"));

        assertProblem(response, 404);
        assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE product_id = ?::uuid", unknown)).isZero();
        assertThat(auditsBy(admin)).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsTheMovementsNewestFirstAcrossPages() {
        String id = create(freshSku(), 10);
        String receipt = (String) asAdmin(admin, "POST", "/products/" + id + "/stock-movements",
            movement("RECEIPT", 5, "second delivery")).json().get("id");
        String adjustment = (String) asAdmin(admin, "POST", "/products/" + id + "/stock-movements",
            movement("ADJUSTMENT", -2, "damaged")).json().get("id");

        Map<String, Object> page1 = http.send("GET", "/products/" + id + "/stock-movements?limit=2", customer, null)
            .json();
        Map<String, Object> page2 = http.send("GET", "/products/" + id + "/stock-movements?limit=2&cursor="
            + page1.get("nextCursor"), customer, null).json();

        assertThat(ids(page1)).containsExactly(adjustment, receipt);
        assertThat(page2.get("nextCursor")).isNull();
        List<Map<String, Object>> last = (List<Map<String, Object>>) page2.get("items");
        assertThat(last).singleElement().satisfies(initial -> assertThat(initial)
            .containsOnlyKeys("id", "kind", "quantity", "reason", "orderId", "createdAt")
            .containsEntry("kind", "RECEIPT").containsEntry("quantity", 10).containsEntry("orderId", null));
        assertThat(((List<Map<String, Object>>) page1.get("items")).getFirst())
            .containsEntry("kind", "ADJUSTMENT").containsEntry("quantity", -2).containsEntry("reason", "damaged");
    }
}
