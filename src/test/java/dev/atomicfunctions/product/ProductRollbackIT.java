package dev.atomicfunctions.product;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A product and its first receipt are one transaction. The failure is a real database failure, raised by a trigger
 * this test installs for actors whose subject starts with a marker; nothing in the application is replaced.
 */
class ProductRollbackIT extends ProductHttpTestBase {

    private static final String MARKER = "fails-on-movement-";

    @BeforeAll
    static void installFailingTrigger() {
        Db.execute("""
            CREATE OR REPLACE FUNCTION test_refuse_movement() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'stock movement refused by test trigger'; END $$""");
        // Fails the movement insert itself, after the product row was inserted and its stock changed.
        Db.execute("CREATE TRIGGER test_fail_movement BEFORE INSERT ON stock_movement FOR EACH ROW "
            + "WHEN (NEW.actor LIKE '" + MARKER + "%') EXECUTE FUNCTION test_refuse_movement()");
    }

    @AfterAll
    static void removeTrigger() {
        Db.execute("DROP TRIGGER test_fail_movement ON stock_movement");
        Db.execute("DROP FUNCTION test_refuse_movement()");
    }

    @Test
    void aFailedInitialReceiptLeavesNoProductBehind() {
        String doomed = MARKER + UUID.randomUUID();
        String sku = freshSku();

        Http.Response response = asAdmin(doomed, "POST", "/products", newProduct(sku, "Doomed", 100, "EUR", 5));

        assertProblem(response, 500);
        assertThat(response.body()).doesNotContain("trigger", "movement", "Exception");
        assertThat(productsWithSku(sku)).isZero();
        assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE actor = ?", doomed)).isZero();
        assertThat(auditsBy(doomed)).isZero();
        // The SKU is free again: the same product can be created once the failure is gone.
        assertThat(create(sku, 5)).isNotNull();
    }

    @Test
    void aFailedMovementLeavesTheStockAsItWas() {
        String id = create(freshSku(), 3);
        String doomed = MARKER + UUID.randomUUID();

        Http.Response response = asAdmin(doomed, "POST", "/products/" + id + "/stock-movements",
            movement("RECEIPT", 4, "never arrives"));

        assertProblem(response, 500);
        assertThat(productRow(id)).containsEntry("stock", 3).containsEntry("version", 2L);
        assertThat(movements(id)).isEqualTo(1);
        assertThat(auditsBy(doomed)).isZero();
    }
}
