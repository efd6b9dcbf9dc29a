package dev.atomicfunctions.product;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Both product POSTs retried with the same Idempotency-Key write once, through the one generic mechanism. */
class ProductIdempotencyIT extends ProductHttpTestBase {

    private final String key = "key-" + UUID.randomUUID();

    @Test
    void replaysTheFirstCreationToARetryAndWritesOnce() {
        String sku = freshSku();
        String body = newProduct(sku, "Once", 300, "EUR", 6);

        Http.Response first = asAdmin(admin, "POST", "/products", body, "Idempotency-Key", key);
        Http.Response retry = asAdmin(admin, "POST", "/products", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        String id = (String) first.json().get("id");
        assertThat(productsWithSku(sku)).isEqualTo(1);
        assertThat(movements(id)).isEqualTo(1);
        assertThat(productRow(id)).containsEntry("stock", 6);
        assertThat(auditsBy(admin)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE owner_id = ? AND operation = ?",
            admin, "product.create")).isEqualTo(1);
    }

    @Test
    void readsAnAbsentInitialStockAndZeroAsTheSameRequest() {
        String sku = freshSku();

        Http.Response first = asAdmin(admin, "POST", "/products", newProduct(sku, "Same", 1, "EUR", null),
            "Idempotency-Key", key);
        Http.Response retry = asAdmin(admin, "POST", "/products", newProduct(sku, "Same", 1, "EUR", 0),
            "Idempotency-Key", key);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(productsWithSku(sku)).isEqualTo(1);
    }

    @Test
    void refusesTheSameKeyForAnotherProduct() {
        String sku = freshSku();
        asAdmin(admin, "POST", "/products", newProduct(sku, "First", 1, "EUR", null), "Idempotency-Key", key);
        String other = freshSku();

        Http.Response response = asAdmin(admin, "POST", "/products", newProduct(other, "Second", 1, "EUR", null),
            "Idempotency-Key", key);

        assertProblem(response, 422);
        assertThat(response.json()).containsEntry("type", "urn:atomic-functions:problem:idempotency-key-reused");
        assertThat(productsWithSku(other)).isZero();
        assertThat(auditsBy(admin)).isEqualTo(1);
    }

    @Test
    void replaysARecordedMovementToARetryAndMovesTheStockOnce() {
        String id = create(freshSku(), 2);
        String body = movement("RECEIPT", 3, "delivery 1");

        Http.Response first = asAdmin(admin, "POST", "/products/" + id + "/stock-movements", body,
            "Idempotency-Key", key);
        Http.Response retry = asAdmin(admin, "POST", "/products/" + id + "/stock-movements", body,
            "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(productRow(id)).containsEntry("stock", 5);
        assertThat(movements(id)).isEqualTo(2);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND action = 'UPDATE'", id))
            .isEqualTo(1);
    }

    @Test
    void refusesTheSameKeyForAnotherMovement() {
        String id = create(freshSku(), 2);
        asAdmin(admin, "POST", "/products/" + id + "/stock-movements", movement("RECEIPT", 3, "delivery"),
            "Idempotency-Key", key);

        Http.Response response = asAdmin(admin, "POST", "/products/" + id + "/stock-movements",
            movement("RECEIPT", 30, "delivery"), "Idempotency-Key", key);

        assertProblem(response, 422);
        assertThat(productRow(id)).containsEntry("stock", 5);
        assertThat(movements(id)).isEqualTo(2);
    }

    @Test
    void scopesAKeyToItsProduct() {
        String first = create(freshSku(), 0);
        String second = create(freshSku(), 0);
        String body = movement("RECEIPT", 1, "delivery");

        asAdmin(admin, "POST", "/products/" + first + "/stock-movements", body, "Idempotency-Key", key);
        Http.Response other = asAdmin(admin, "POST", "/products/" + second + "/stock-movements", body,
            "Idempotency-Key", key);

        assertThat(other.status()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(productRow(second)).containsEntry("stock", 1);
    }
}
