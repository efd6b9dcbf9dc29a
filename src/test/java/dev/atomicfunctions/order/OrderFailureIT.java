package dev.atomicfunctions.order;

import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the database does to a placement, and what the caller and the rows see: serialization failures retried as
 * a whole, retries exhausted, and a transaction abandoned mid-way (a frozen Lambda) holding a stock row lock.
 */
class OrderFailureIT extends OrderHttpTestBase {

    /** Fails the insert of an order whose note names the test: {@code fail-N-<uuid>} fails N times, then passes. */
    @BeforeEach
    void installSerializationFailure() {
        Db.execute("CREATE TABLE IF NOT EXISTS test_forced_failure (note text PRIMARY KEY, failures int NOT NULL)");
        Db.execute("""
            CREATE OR REPLACE FUNCTION test_fail_order() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE remaining int;
            BEGIN
                IF NEW.note LIKE 'fail-%' THEN
                    -- Attempts are counted by a sequence per note: nextval survives the rollback of the attempt.
                    SELECT failures INTO remaining FROM test_forced_failure WHERE note = NEW.note;
                    IF remaining IS NOT NULL AND nextval('test_failure_seq_' || md5(NEW.note)) <= remaining THEN
                        RAISE EXCEPTION 'forced serialization failure' USING ERRCODE = '40001';
                    END IF;
                END IF;
                RETURN NEW;
            END $$""");
        Db.execute("CREATE TRIGGER test_fail_order BEFORE INSERT ON customer_order FOR EACH ROW "
            + "EXECUTE FUNCTION test_fail_order()");
    }

    @AfterEach
    void removeSerializationFailure() {
        Db.execute("DROP TRIGGER test_fail_order ON customer_order");
    }

    @Test
    void retriesASerializationFailureAndPlacesTheOrderOnce() {
        UUID pen = Catalogue.product("EUR", 100, 10);
        String note = failing(2);

        Http.Response response = http.send("POST", "/orders", alice, withNote(pen, note));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(Catalogue.stock(pen)).isEqualTo(9);
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", alice)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE product_id = ? AND kind = 'RESERVATION'", pen))
            .isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", alice)).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheLastAttemptWithAConflictAndWritesNothingButTheFailedAttempt() {
        UUID pen = Catalogue.product("EUR", 100, 10);
        String note = failing(100);

        Http.Response response = http.send("POST", "/orders", alice, withNote(pen, note));

        assertProblem(response, 409);
        assertThat(response.json()).containsEntry("type", "urn:atomic-functions:problem:contention");
        assertThat(Catalogue.stock(pen)).isEqualTo(10);
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", alice)).isZero();
        assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE product_id = ? AND kind = 'RESERVATION'", pen))
            .isZero();
        assertThat(Db.count("SELECT count(*) FROM outbox_event WHERE payload->>'ownerId' = ?", alice)).isZero();
        assertThat(Db.rows("SELECT action, reason FROM audit_entry WHERE actor = ?", alice))
            .containsExactly(Map.of("action", "ATTEMPT_FAILED", "reason", "place: contention"));
        // Four attempts (atomic.retry.max-attempts), each rolled back.
        assertThat(Db.count("SELECT last_value FROM test_failure_seq_" + md5(note))).isEqualTo(4);
    }

    @Test
    void placesTheNextOrderOnceTheServerEndsATransactionAbandonedWithAStockLock() throws SQLException {
        UUID pen = Catalogue.product("EUR", 100, 10);
        try (Connection frozen = Db.connect()) {
            frozen.setAutoCommit(false);
            try (PreparedStatement lock = frozen.prepareStatement("SELECT stock FROM product WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, pen);
                lock.executeQuery().close();
            }
            // The environment that held the lock is frozen: it never commits, rolls back or says anything again.
            long start = System.nanoTime();

            Http.Response response = http.send("POST", "/orders", alice, order(Map.of(pen, 1)));

            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            // idle_in_transaction_session_timeout (5 s) ended the abandoned session, and its lock with it.
            assertThat(waitedMillis).isBetween(4_000L, 9_000L);
            assertThat(Catalogue.stock(pen)).isEqualTo(9);
            assertThatThrownBy(() -> frozen.createStatement().execute("SELECT 1")).isInstanceOf(SQLException.class);
        }
    }

    private static String failing(int times) {
        String note = "fail-" + times + "-" + UUID.randomUUID();
        Db.execute("CREATE SEQUENCE test_failure_seq_" + md5(note));
        Db.rows("INSERT INTO test_forced_failure VALUES (?, ?) RETURNING note", note, times);
        return note;
    }

    private static String md5(String note) {
        return (String) Db.rows("SELECT md5(?) AS h", note).getFirst().get("h");
    }

    private static String withNote(UUID product, String note) {
        return "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}],\"note\":\"" + note + "\"}";
    }
}
