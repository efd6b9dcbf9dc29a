package dev.atomicfunctions.faults;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.queue.QueueHandler;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.FaultProxy;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.Messages;
import dev.atomicfunctions.support.OpenApiContract;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real faults between the API function and PostgreSQL, caused for real (a backend terminated, a socket cut
 * mid-statement, a COMMIT withheld, a COMMIT's reply dropped, a black-holed network), through the real handler over
 * HTTP with its deployed 10 s timeout. After each, what was committed is read from the database: one order or none,
 * stock conserved, and an audit trail that agrees with the data (no ATTEMPT_FAILED beside a committed order).
 */
@ExtendWith(TestDatabase.class)
class DatabaseFaultsIT {

    private static FaultProxy proxy;
    private static LocalApiGateway gateway;
    private static Http http;
    private static QueueHandler consumer;

    private final String owner = "faults-" + UUID.randomUUID();
    private final UUID pen = Catalogue.product("EUR", 150, 10);

    @BeforeAll
    static void startTheApiBehindTheProxy() throws IOException {
        String url = TestDatabase.get().url();
        proxy = FaultProxy.toDatabase(url);
        gateway = LocalApiGateway.start(0, Map.of("datasources.default.url", proxy.url(url)));
        http = new Http(gateway.port());
        consumer = new QueueHandler(new LambdaApplicationContextBuilder()
            .properties(Map.of("datasources.default.url", proxy.url(url))).build());
    }

    @AfterEach
    void heal() {
        proxy.heal();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        consumer.close();
        proxy.close();
        OpenApiContract.load().assertDescribes(http.exchanges());
    }

    @Test
    void aBackendTerminatedMidOrderIsRetriedAndTheOrderPlacedOnce() throws Exception {
        try (Connection holder = Db.connect()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT 1 FROM product WHERE id = '" + pen + "' FOR UPDATE");
            }
            CompletableFuture<Http.Response> placing = CompletableFuture.supplyAsync(this::placeOrder);
            int terminated = terminateTheBackendWaitingForTheLock();
            holder.rollback();

            Http.Response response = placing.get(15, TimeUnit.SECONDS);

            assertThat(terminated).isEqualTo(1);
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        }
        assertOrdersPlaced(1);
    }

    @Test
    void aSocketCutMidStatementIsRetriedAndTheOrderPlacedOnce() {
        proxy.cutWhenSent("INSERT INTO \"customer_order\"");

        Http.Response response = placeOrder();

        assertThat(proxy.fired()).isTrue();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertOrdersPlaced(1);
    }

    @Test
    void aCommitThatNeverReachedTheServerIsResolvedAsAbortedAndRetried() {
        proxy.withholdCommit();

        Http.Response response = placeOrder();

        assertThat(proxy.fired()).isTrue();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertOrdersPlaced(1);
    }

    @Test
    void aCommitWhoseReplyWasLostIsAnsweredAsTheCommitItWasWithoutADuplicate() {
        proxy.dropCommitReply();

        Http.Response response = placeOrder();

        assertThat(proxy.fired()).isTrue();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.header("Location")).endsWith((String) response.json().get("id"));
        assertOrdersPlaced(1);
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE id = ?::uuid", response.json().get("id")))
            .isEqualTo(1);
    }

    @Test
    void aLostCommitTheDatabaseCannotBeAskedAboutIsAnsweredOutcomeUnknownInsideTheDeadline() {
        proxy.dropCommitReply();
        CompletableFuture.runAsync(() -> {
            while (!proxy.fired()) {
                Thread.onSpinWait();
            }
            proxy.blackHole();
        });

        placeOrderAnswered503InsideTheDeadline("outcome-unknown");

        proxy.heal();
        // It did commit: the database holds it once, and no failed attempt contradicts it.
        assertOrdersPlaced(1);
    }

    @Test
    void anUnreachableDatabaseIsAnswered503InsideTheDeadlineWithNothingWritten() {
        proxy.blackHole();

        placeOrderAnswered503InsideTheDeadline("database-unavailable");

        proxy.heal();
        assertOrdersPlaced(0);
    }

    @Test
    void aBatchCutMidwayIsRetriedWholeAndEachItemCreatedOnce() {
        proxy.cutWhenSent("INSERT INTO \"task\"", 2);

        Http.Response response = http.send("POST", "/tasks/batch", owner,
            "{\"items\":[{\"title\":\"one\"},{\"title\":\"two\"},{\"title\":\"three\"}]}");

        assertThat(proxy.fired()).isTrue();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(Db.rows("SELECT title FROM task WHERE owner_id = ? ORDER BY title", owner))
            .extracting(row -> row.get("title")).containsExactly("one", "three", "two");
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'CREATE'", owner))
            .isEqualTo(3);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'ATTEMPT_FAILED'", owner))
            .isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a COMMIT withheld", "a COMMIT reply dropped", "a socket cut mid-statement"})
    void aMessageWhoseTransactionMeetsAFaultIsHandledOnceAndAcknowledged(String fault) {
        switch (fault) {
            case "a COMMIT withheld" -> proxy.withholdCommit();
            case "a COMMIT reply dropped" -> proxy.dropCommitReply();
            default -> proxy.cutWhenSent("INSERT INTO \"customer_order\"");
        }
        SQSEvent event = Messages.event(List.of(Messages.body("order-place.json",
            Map.of("id", "cmd-" + UUID.randomUUID(), "subject", owner, "product", pen.toString()))), null);

        SQSBatchResponse response = consumer.handleRequest(event, new TestLambdaContext("queue-consumer"));

        assertThat(proxy.fired()).isTrue();
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", owner)).isEqualTo(1);
        assertThat(Catalogue.stock(pen)).isEqualTo(9);
        assertThat(Catalogue.conserved(pen)).isTrue();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'ATTEMPT_FAILED'", owner))
            .isZero();
    }

    /**
     * A stock change refused on the stock its conditional update found (0), while a receipt commits before the
     * refusal is explained: the stock then read (1) fits the change. Seen through a slow network (the proxy holds
     * each of the function's statements back 400 ms), the receipt lands in that gap for certain. The change must be
     * run again on the locked row, not refused as if it would exceed the limit ("stock-limit, 1 in stock").
     */
    @Test
    void aStockChangeRefusedOnAStockThatRoseMeanwhileIsRunAgainNotMisnamed() throws Exception {
        UUID mug = Catalogue.product("EUR", 100, 0);
        proxy.latency(Duration.ofMillis(400));
        CompletableFuture<Http.Response> adjusting = CompletableFuture.supplyAsync(() -> http.send("POST",
            "/products/" + mug + "/stock-movements", owner,
            "{\"kind\":\"ADJUSTMENT\",\"quantity\":-1,\"reason\":\"counted\"}",
            LocalApiGateway.DEV_GROUPS_HEADER, "admin"));
        awaitTheRefusedUpdate();

        Db.execute("UPDATE product SET stock = stock + 1 WHERE id = '" + mug + "'");
        Http.Response response = adjusting.get(10, TimeUnit.SECONDS);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(Catalogue.stock(mug)).isZero();
    }

    /** Until the function's conditional update has run (and changed nothing) and its session waits for more. */
    private static void awaitTheRefusedUpdate() throws InterruptedException {
        for (int tries = 0; tries < 500 && Db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
            + "'atomic-functions' AND state = 'idle in transaction' AND query LIKE 'UPDATE product SET stock%'") == 0;
             tries++) {
            Thread.sleep(5);
        }
    }

    /** The deployed function's timeout is 10 s: past it, Lambda kills the invocation and the caller gets no 503. */
    private void placeOrderAnswered503InsideTheDeadline(String problem) {
        long start = System.nanoTime();
        Http.Response response = placeOrder();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.json()).containsEntry("type", "urn:atomic-functions:problem:" + problem);
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(elapsedMs).isLessThan(10_000);
    }

    private Http.Response placeOrder() {
        return http.send("POST", "/orders", owner,
            "{\"lines\":[{\"productId\":\"" + pen + "\",\"quantity\":2}],\"note\":\"fault\"}");
    }

    private void assertOrdersPlaced(int expected) {
        PlacedOrders.assertPlaced(owner, pen, expected);
    }

    private static int terminateTheBackendWaitingForTheLock() throws SQLException, InterruptedException {
        for (int tries = 0; tries < 100; tries++) {
            long terminated = Db.count("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE application_name = 'atomic-functions' AND wait_event_type = 'Lock') t");
            if (terminated > 0) {
                return (int) terminated;
            }
            Thread.sleep(10);
        }
        return 0;
    }
}
