package dev.atomicfunctions.product;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.LogCapture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Creating, reading, listing and changing products over HTTP, and what each leaves in the database. */
class ProductHttpIT extends ProductHttpTestBase {

    @Test
    void createsAProductWithoutStockAndAnswersWithTheStoredValues() {
        String sku = freshSku();

        Http.Response response = asAdmin(admin, "POST", "/products", newProduct(sku, "Blue mug", 1250, "EUR", null),
            "X-Correlation-Id", "corr-product-1");

        assertThat(response.status()).isEqualTo(201);
        Map<String, Object> body = response.json();
        String id = (String) body.get("id");
        assertThat(response.header("Location")).isEqualTo("/products/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        assertThat(body).containsOnlyKeys("id", "sku", "name", "priceMinor", "currency", "stock", "createdAt",
                "updatedAt", "version")
            .containsEntry("sku", sku).containsEntry("name", "Blue mug").containsEntry("priceMinor", 1250)
            .containsEntry("currency", "EUR").containsEntry("stock", 0).containsEntry("version", 1);
        Map<String, Object> row = productRow(id);
        assertThat(row).containsEntry("sku", sku).containsEntry("name", "Blue mug").containsEntry("price_minor", 1250L)
            .containsEntry("currency", "EUR").containsEntry("stock", 0).containsEntry("version", 1L);
        assertThat(Instant.parse((String) body.get("createdAt"))).isEqualTo(instant(row.get("created_at")));
        assertThat(Instant.parse((String) body.get("updatedAt"))).isEqualTo(instant(row.get("updated_at")));
        assertThat(movements(id)).isZero();
        Map<String, Object> audit = lastAudit(id, "CREATE");
        assertThat(audit).containsEntry("entity_type", "product").containsEntry("actor", admin)
            .containsEntry("correlation_id", "corr-product-1");
        assertThat(changedFields(audit)).containsExactly("sku", "name", "priceMinor", "currency");
        assertThat(audits(id)).isEqualTo(1);
    }

    @Test
    void bringsInTheInitialStockAsAFirstReceipt() {
        String sku = freshSku();

        Http.Response response = asAdmin(admin, "POST", "/products", newProduct(sku, "Red mug", 990, "USD", 12));

        assertThat(response.status()).isEqualTo(201);
        Map<String, Object> body = response.json();
        String id = (String) body.get("id");
        // The receipt is a change of the product like any other: version 2.
        assertThat(body).containsEntry("stock", 12).containsEntry("version", 2);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        @SuppressWarnings("unchecked")
        Map<String, Object> receipt = (Map<String, Object>) body.get("initialReceipt");
        assertThat(receipt).containsOnlyKeys("id", "kind", "quantity", "createdAt")
            .containsEntry("kind", "RECEIPT").containsEntry("quantity", 12);
        Map<String, Object> movement = Db.rows("SELECT * FROM stock_movement WHERE product_id = ?::uuid", id)
            .getFirst();
        assertThat(movement).containsEntry("id", UUID.fromString((String) receipt.get("id")))
            .containsEntry("kind", "RECEIPT").containsEntry("quantity", 12).containsEntry("actor", admin)
            .containsEntry("order_id", null);
        assertThat(Instant.parse((String) receipt.get("createdAt"))).isEqualTo(instant(movement.get("created_at")));
        assertThat(productRow(id)).containsEntry("stock", 12).containsEntry("version", 2L);
        assertThat(movements(id)).isEqualTo(1);
        assertThat(movedStock(id)).isEqualTo(12);
        assertThat(Instant.parse((String) body.get("updatedAt"))).isEqualTo(instant(productRow(id).get("updated_at")));
        assertThat(changedFields(lastAudit(id, "CREATE")))
            .containsExactly("sku", "name", "priceMinor", "currency", "stock");
        assertThat(audits(id)).isEqualTo(1);
    }

    @Test
    void recordsNoReceiptForAnInitialStockOfZero() {
        Http.Response response = asAdmin(admin, "POST", "/products", newProduct(freshSku(), "Mug", 1, "JPY", 0));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json()).doesNotContainKey("initialReceipt").containsEntry("stock", 0);
        assertThat(movements((String) response.json().get("id"))).isZero();
    }

    @Test
    void refusesADuplicateSkuWhateverItsCaseAndNamesTheExistingProduct() {
        String sku = "Mug-" + UUID.randomUUID();
        String id = create(sku, 3);
        Map<String, Object> stored = http.send("GET", "/products/" + id, customer, null).json();

        Http.Response response = asAdmin(admin, "POST", "/products",
            newProduct(sku.toLowerCase(), "Another mug", 500, "EUR", 7));

        assertProblem(response, 409);
        assertThat(response.json()).containsEntry("type", "urn:atomic-functions:problem:duplicate-sku")
            .containsEntry("existing", stored);
        assertThat(productsWithSku(sku)).isEqualTo(1);
        assertThat(productRow(id)).containsEntry("name", "Product " + sku).containsEntry("stock", 3);
        assertThat(movements(id)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'CREATE'", admin))
            .isEqualTo(1);
    }

    @Test
    void refusesEveryWriteOfACallerWhoIsNoAdministratorAndWritesNothing() {
        String id = create(freshSku(), 5);
        String sku = freshSku();

        try (LogCapture logs = new LogCapture()) {
            List<Http.Response> responses = List.of(
                http.send("POST", "/products", customer, newProduct(sku, "Mine", 1, "EUR", 5)),
                http.send("PATCH", "/products/" + id, customer, "{\"priceMinor\":1}", "X-Dev-Groups", "users"),
                http.send("POST", "/products/" + id + "/stock-movements", customer, movement("ADJUSTMENT", -5, "theft")),
                // Refused before anything is read: the caller cannot even learn whether the product exists.
                http.send("PATCH", "/products/" + UUID.randomUUID(), customer, "{\"priceMinor\":1}"));

            responses.forEach(response -> assertProblem(response, 403));
            assertThat(responses.getFirst().json()).containsEntry("type", "urn:atomic-functions:problem:forbidden");
            assertThat(logs.of("security")).hasSize(4)
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("caller", customer));
        }
        assertThat(productsWithSku(sku)).isZero();
        assertThat(productRow(id)).containsEntry("price_minor", 1999L).containsEntry("stock", 5)
            .containsEntry("version", 2L);
        assertThat(movements(id)).isEqualTo(1);
        assertThat(auditsBy(customer)).isZero();
    }

    @Test
    void letsEveryVerifiedCallerReadButNoAnonymousOne() {
        String id = create(freshSku(), 0);

        assertThat(http.send("GET", "/products/" + id, customer, null).status()).isEqualTo(200);
        assertThat(http.send("GET", "/products", customer, null).status()).isEqualTo(200);
        assertThat(http.send("GET", "/products/" + id + "/stock-movements", customer, null).status()).isEqualTo(200);
        assertProblem(http.send("GET", "/products/" + id, null, null), 401);
        assertProblem(http.send("POST", "/products", null, newProduct(freshSku(), "x", 1, "EUR", null)), 401);
    }

    @Test
    void returnsAProductWithItsEntityTag() {
        String sku = freshSku();
        String id = create(sku, 4);

        Http.Response response = http.send("GET", "/products/" + id, customer, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        assertThat(response.json()).containsOnlyKeys("id", "sku", "name", "priceMinor", "currency", "stock",
                "createdAt", "updatedAt", "version")
            .containsEntry("id", id).containsEntry("sku", sku).containsEntry("stock", 4);
    }

    @Test
    void answers404ForAnUnknownOrMalformedId() {
        assertProblem(http.send("GET", "/products/" + UUID.randomUUID(), customer, null), 404);
        assertProblem(http.send("GET", "/products/not-a-uuid", customer, null), 404);
        assertProblem(http.send("GET", "/products/" + UUID.randomUUID() + "/stock-movements", customer, null), 404);
        assertProblem(asAdmin(admin, "PATCH", "/products/not-a-uuid", "{\"name\":\"x\"}"), 404);
    }

    @Test
    void listsTheCatalogueNewestFirstAcrossPages() {
        String first = create(freshSku(), 0);
        String second = create(freshSku(), 0);
        String third = create(freshSku(), 0);

        Map<String, Object> page1 = http.send("GET", "/products?limit=2", customer, null).json();
        Map<String, Object> page2 = http.send("GET", "/products?limit=2&cursor=" + page1.get("nextCursor"), customer,
            null).json();

        assertThat(ids(page1)).containsExactly(third, second);
        assertThat(ids(page2)).first().isEqualTo(first);
        assertThat(ids(page2)).doesNotContain(second, third);
    }

    @Test
    void changesNameAndPriceOfTheVersionNamedAndAuditsThem() {
        String sku = freshSku();
        String id = create(sku, 0);

        Http.Response response = asAdmin(admin, "PATCH", "/products/" + id,
            "{\"name\":\"Renamed\",\"priceMinor\":2500}", "If-Match", "\"1\"");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        Map<String, Object> row = productRow(id);
        assertThat(row).containsEntry("name", "Renamed").containsEntry("price_minor", 2500L)
            .containsEntry("sku", sku).containsEntry("currency", "EUR").containsEntry("version", 2L);
        assertThat(response.json()).containsEntry("name", "Renamed").containsEntry("priceMinor", 2500)
            .containsEntry("version", 2);
        assertThat(Instant.parse((String) response.json().get("updatedAt"))).isEqualTo(instant(row.get("updated_at")));
        assertThat(changedFields(lastAudit(id, "UPDATE"))).containsExactly("name", "priceMinor");
    }

    @Test
    void keepsWhatAPatchLeavesOut() {
        String sku = freshSku();
        String id = create(sku, 0);

        Http.Response response = asAdmin(admin, "PATCH", "/products/" + id, "{\"priceMinor\":1,\"name\":null}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(productRow(id)).containsEntry("price_minor", 1L).containsEntry("name", "Product " + sku);
        assertThat(changedFields(lastAudit(id, "UPDATE"))).containsExactly("priceMinor");
    }

    @Test
    void rejectsAStaleIfMatchWithoutWriting() {
        String id = create(freshSku(), 0);
        asAdmin(admin, "PATCH", "/products/" + id, "{\"name\":\"First change\"}");

        Http.Response response = asAdmin(admin, "PATCH", "/products/" + id, "{\"priceMinor\":1}", "If-Match", "\"1\"");

        assertProblem(response, 412);
        assertThat(productRow(id)).containsEntry("name", "First change").containsEntry("price_minor", 1999L)
            .containsEntry("version", 2L);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND action = 'UPDATE'", id))
            .isEqualTo(1);
    }
}
