package dev.atomicfunctions.faults;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.FaultProxy;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.OpenApiContract;
import dev.atomicfunctions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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

    private final String owner = "faults-" + UUID.randomUUID();
    private final UUID pen = Catalogue.product("EUR", 150, 10);

    @BeforeAll
    static void startTheApiBehindTheProxy() throws IOException {
        String url = TestDatabase.get().url();
        proxy = FaultProxy.to(Integer.parseInt(url.replaceFirst(".*//[^:/]+:(\\d+)/.*", "$1")));
        gateway = LocalApiGateway.start(0, Map.of("datasources.default.url", proxy.url(url)));
        http = new Http(gateway.port());
    }

    @AfterEach
    void heal() {
        proxy.heal();
    }

    @AfterAll
    static void stop() {
        gateway.close();
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

        long start = System.nanoTime();
        Http.Response response = placeOrder();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.json()).containsEntry("type", "urn:atomic-functions:problem:outcome-unknown");
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(elapsedMs).isLessThan(10_000);
        proxy.heal();
        // It did commit: the database holds it once, and no failed attempt contradicts it.
        assertOrdersPlaced(1);
    }

    @Test
    void anUnreachableDatabaseIsAnswered503InsideTheDeadlineWithNothingWritten() {
        proxy.blackHole();

        long start = System.nanoTime();
        Http.Response response = placeOrder();
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.json()).containsEntry("type", "urn:atomic-functions:problem:database-unavailable");
        assertThat(response.header("Retry-After")).isNotBlank();
        assertThat(elapsedMs).isLessThan(10_000);
        proxy.heal();
        assertOrdersPlaced(0);
    }

    private Http.Response placeOrder() {
        return http.send("POST", "/orders", owner,
            "{\"lines\":[{\"productId\":\"" + pen + "\",\"quantity\":2}],\"note\":\"fault\"}");
    }

    /** One order or none, whole: its lines, its stock movement, its event, its audit, and no failed attempt. */
    private void assertOrdersPlaced(int expected) {
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = ?", owner)).isEqualTo(expected);
        assertThat(Db.count("SELECT count(*) FROM order_line l JOIN customer_order o ON o.id = l.order_id "
            + "WHERE o.owner_id = ?", owner)).isEqualTo(expected);
        assertThat(Catalogue.stock(pen)).isEqualTo(10 - 2 * expected);
        assertThat(Catalogue.conserved(pen)).isTrue();
        assertThat(Db.count("SELECT count(*) FROM outbox_event e JOIN customer_order o ON e.aggregate_id = o.id::text "
            + "WHERE o.owner_id = ?", owner)).isEqualTo(expected);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'CREATE'", owner))
            .isEqualTo(expected);
        if (expected > 0) {
            assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'ATTEMPT_FAILED'",
                owner)).isZero();
        }
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
