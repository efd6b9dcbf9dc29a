package dev.atomicfunctions.dsql;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.jobs.ScheduledRuns;
import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.queue.QueueHandler;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.DsqlEmulation;
import dev.atomicfunctions.support.EmulatedDsql;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.Messages;
import dev.atomicfunctions.support.Race;
import dev.atomicfunctions.support.SystemProperties;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.support.TestQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DB_ENGINE=dsql against PostgreSQL made to behave like Aurora DSQL ({@link EmulatedDsql}): a database of its own,
 * migrated by the real migration function from {@code db/dsql}, every transaction at REPEATABLE READ, and whatever
 * DSQL refuses refused before it reaches the server ({@link DsqlEmulation}). The functions must work there without
 * one refusal. What only a real cluster can show is in the README (Database engines).
 */
@ExtendWith({TestDatabase.class, TestQueue.class})
class DsqlModeIT {

    static final String DATABASE = EmulatedDsql.DATABASE;

    private static Map<String, String> dsql;
    private static LocalApiGateway gateway;
    private static Http http;
    private static int refusedBefore;

    @BeforeAll
    static void startTheFunctionsOnEmulatedDsql() throws IOException {
        dsql = EmulatedDsql.functionProperties();
        refuseExplodingTasks();
        gateway = LocalApiGateway.start(0, dsql);
        http = new Http(gateway.port());
        refusedBefore = DsqlEmulation.refused();
    }

    @AfterAll
    static void noStatementWasRefused() {
        gateway.close();
        assertThat(DsqlEmulation.refused() - refusedBefore).as("statements DSQL would refuse").isZero();
    }

    /** A refusal of an item's data (23514) by the database: DSQL has no triggers, but the emulated server does. */
    private static void refuseExplodingTasks() {
        Db.on(DATABASE, () -> {
            Db.execute("""
                CREATE OR REPLACE FUNCTION test_refuse_task() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'task refused by test trigger' USING ERRCODE = '23514'; END $$""");
            Db.execute("DROP TRIGGER IF EXISTS test_refuse_task ON task");
            Db.execute("CREATE TRIGGER test_refuse_task BEFORE INSERT ON task FOR EACH ROW "
                + "WHEN (NEW.title LIKE 'explode-%') EXECUTE FUNCTION test_refuse_task()");
            return null;
        });
    }

    @Test
    void theDsqlScriptsAreAppliedOnceEachAndTheFunctionsRoleGranted() {
        Map<String, Object> again = EmulatedDsql.migrate();

        assertThat(again).containsEntry("migrationsExecuted", 0);
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM dsql_schema_history"))).isEqualTo(19);
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM information_schema.role_table_grants "
            + "WHERE grantee = 'tasks_app' AND table_name = 'customer_order' AND privilege_type = 'UPDATE'")))
            .isEqualTo(1);
    }

    @Test
    void aMigrationThatDiedBeforeRecordingItsScriptRecordsItOnTheNextRun() {
        Db.on(DATABASE, () -> {
            Db.execute("DELETE FROM dsql_schema_history WHERE version = 19");
            return null;
        });

        Map<String, Object> rerun = EmulatedDsql.migrate();

        assertThat(rerun).containsEntry("migrationsExecuted", 1);
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM dsql_schema_history"))).isEqualTo(19);
    }

    @Test
    void aMessageIsHandledOnceAndItsRedeliveryDoesNothing() {
        UUID pen = Db.on(DATABASE, () -> Catalogue.product("EUR", 150, 10));
        String owner = "queued-" + UUID.randomUUID();
        SQSEvent event = Messages.event(List.of(Messages.body("order-place.json",
            Map.of("id", "cmd-" + UUID.randomUUID(), "subject", owner, "product", pen.toString()))), null);

        try (QueueHandler consumer = SystemProperties.during(dsql, QueueHandler::new)) {
            SQSBatchResponse first = consumer.handleRequest(event, new TestLambdaContext("queue-consumer"));
            SQSBatchResponse again = consumer.handleRequest(event, new TestLambdaContext("queue-consumer"));

            assertThat(first.getBatchItemFailures()).isEmpty();
            assertThat(again.getBatchItemFailures()).isEmpty();
        }
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", owner)))
            .isEqualTo(1);
        assertThat(Db.on(DATABASE, () -> Catalogue.stock(pen))).isEqualTo(9);
        assertThat(Db.on(DATABASE, () -> Catalogue.conserved(pen))).isTrue();
    }

    @Test
    void neverOversellsWhen64OrdersRaceFor10UnitsUnderOptimisticConcurrency() throws Exception {
        UUID scarce = Db.on(DATABASE, () -> Catalogue.product("EUR", 100, 10));
        List<Http.Response> responses;
        List<ILoggingEvent> retries;
        try (LogCapture logs = new LogCapture()) {
            responses = Race.of(64, i -> () -> http.send("POST", "/orders", "racer-" + i + "-" + UUID.randomUUID(),
                "{\"lines\":[{\"productId\":\"" + scarce + "\",\"quantity\":1}]}"));
            retries = logs.of("transaction").stream()
                .filter(e -> e.getFormattedMessage().startsWith("transaction retried")).toList();
        }

        long placed = responses.stream().filter(r -> r.status() == 201).count();
        int stock = Db.on(DATABASE, () -> Catalogue.stock(scarce));
        System.out.printf("DSQL emulation, 64 orders on stock 10: %d placed, %d retries, answers %s%n", placed,
            retries.size(), responses.stream().map(r -> r.status() + " " + r.json().getOrDefault("type", ""))
                .collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.stream.Collectors.counting())));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 409));
        assertThat(placed).isEqualTo(10 - stock);
        assertThat(stock).isNotNegative();
        assertThat(Db.on(DATABASE, () -> Catalogue.conserved(scarce))).isTrue();
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM order_line WHERE product_id = ?", scarce)))
            .isEqualTo(placed);
    }

    @Test
    void aBatchKeepsTheItemsTheDatabaseAcceptsEachInATransactionOfItsOwnAndReplaysWithItsKey() {
        String owner = "batch-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        String body = "{\"items\":[{\"title\":\"first\"},{\"title\":\"explode-" + UUID.randomUUID()
            + "\"},{\"title\":\"\"},{\"title\":\"fourth\"}]}";

        Http.Response first = http.send("POST", "/tasks/batch", owner, body, "Idempotency-Key", key);
        Http.Response retry = http.send("POST", "/tasks/batch", owner, body, "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json()).containsEntry("created", 2).containsEntry("failed", 2);
        assertThat(first.body()).contains("urn:atomic-functions:problem:item-refused", "validation");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(Db.on(DATABASE, () -> Db.rows("SELECT xmin::text AS tx FROM task WHERE owner_id = ?", owner)))
            .as("one transaction per item").hasSize(2).extracting(row -> row.get("tx")).doesNotHaveDuplicates();
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", owner)))
            .isEqualTo(2);
    }

    @Test
    void anAtomicBatchWithAnItemTheDatabaseRefusesWritesNothing() {
        String owner = "atomic-" + UUID.randomUUID();

        Http.Response response = http.send("POST", "/tasks/batch?atomic=true", owner,
            "{\"items\":[{\"title\":\"first\"},{\"title\":\"explode-" + UUID.randomUUID() + "\"}]}");

        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner))).isZero();
    }

    @Test
    void productsRacingForOneSkuCreateOneAndNameItToTheOthers() throws Exception {
        String sku = "DSQL-" + UUID.randomUUID().toString().substring(0, 8);

        List<Http.Response> responses = Race.of(8, i -> () -> http.send("POST", "/products", "admin-" + i,
            "{\"sku\":\"" + (i % 2 == 0 ? sku : sku.toLowerCase()) + "\",\"name\":\"Pen\",\"priceMinor\":150,"
                + "\"currency\":\"EUR\",\"initialStock\":5}", LocalApiGateway.DEV_GROUPS_HEADER, "admin"));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        String winner = (String) responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow()
            .json().get("id");
        assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(7)
            .allSatisfy(r -> assertThat(r.body()).as(r.body()).contains("duplicate-sku", winner));
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM product WHERE lower(sku) = lower(?)", sku)))
            .isEqualTo(1);
    }

    @Test
    void anOrderIsCancelledAndItsStockReleasedWithoutALock() {
        UUID pen = Db.on(DATABASE, () -> Catalogue.product("EUR", 150, 10));
        String owner = "cancel-" + UUID.randomUUID();
        Http.Response placed = http.send("POST", "/orders", owner,
            "{\"lines\":[{\"productId\":\"" + pen + "\",\"quantity\":3}]}");

        Http.Response cancelled = http.send("POST", "/orders/" + placed.json().get("id") + "/cancel", owner, null);

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json()).containsEntry("status", "CANCELLED");
        assertThat(Db.on(DATABASE, () -> Catalogue.stock(pen))).isEqualTo(10);
        assertThat(Db.on(DATABASE, () -> Catalogue.conserved(pen))).isTrue();
    }

    @Test
    void overlappingScheduledRunsExpireEachDueOrderOnceAndRelayItsEvent() throws Exception {
        UUID product = Db.on(DATABASE, () -> Catalogue.product("EUR", 100, 100));
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            orders.add(Db.on(DATABASE, () -> Catalogue.placedOrder(product, "sleepy", 1, "3 days")));
        }

        CompletableFuture<Map<String, Object>> first = CompletableFuture.supplyAsync(() -> ScheduledRuns.runOnce(dsql));
        CompletableFuture<Map<String, Object>> second = CompletableFuture.supplyAsync(() -> ScheduledRuns.runOnce(dsql));
        first.get();
        second.get();

        assertThat(orders).allSatisfy(order -> Db.on(DATABASE, () -> {
            assertThat(Db.count("SELECT count(*) FROM customer_order WHERE id = ? AND status = 'EXPIRED'", order))
                .isEqualTo(1);
            assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE order_id = ? AND kind = 'RELEASE'",
                order)).isEqualTo(1);
            assertThat(Db.count("SELECT count(*) FROM outbox_event WHERE aggregate_id = ? AND event_type = "
                + "'order.expired' AND published_at IS NOT NULL", order.toString())).isEqualTo(1);
            return null;
        }));
        assertThat(Db.on(DATABASE, () -> Catalogue.stock(product))).isEqualTo(100);
        assertThat(Db.on(DATABASE, () -> Catalogue.conserved(product))).isTrue();
    }
}
