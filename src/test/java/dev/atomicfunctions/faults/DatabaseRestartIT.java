package dev.atomicfunctions.faults;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.migration.MigrationHandler;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.SystemProperties;
import dev.atomicfunctions.support.TestLambdaContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database server itself stopped (a fast shutdown: every session terminated, 57P01) and started again on the
 * same data and port while clients place orders, half of them with an {@code Idempotency-Key}; each client retries
 * its order on every 503, as the README tells clients to. A server of its own, so that the rest of the suite is not
 * restarted with it. Afterwards, read from the database: no 500 was answered, every order a client was told was
 * placed is there exactly once, and stock is conserved; a duplicate is possible only after an outcome-unknown.
 */
class DatabaseRestartIT {

    private static final int CLIENTS = 6;
    private static final int INITIAL_STOCK = 10_000;

    @TempDir
    Path data;
    private int port;
    private EmbeddedPostgres server;
    private LocalApiGateway gateway;

    @BeforeEach
    void startAMigratedServerAndTheApi() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = start();
        Map<String, String> database = Map.of("datasources.default.url", url());
        try (MigrationHandler migrations = SystemProperties.during(database, MigrationHandler::new)) {
            migrations.handleRequest(Map.of(), new TestLambdaContext("migrate"));
        }
        gateway = LocalApiGateway.start(0, database);
    }

    @AfterEach
    void stop() throws IOException {
        gateway.close();
        server.close();
    }

    @Test
    void aServerRestartedUnderLoadLosesNoOrderAndDoublesNone() throws Exception {
        UUID product = product();
        Http http = new Http(gateway.port());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> placed = new CopyOnWriteArrayList<>();
        AtomicInteger outcomeUnknown = new AtomicInteger();
        long loadStart = System.currentTimeMillis();
        long stopAt = System.nanoTime() + Duration.ofSeconds(8).toNanos();

        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Integer>> ordersSent = new CopyOnWriteArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            boolean withKey = c % 2 == 0;
            ordersSent.add(clients.submit(() -> {
                int orders = 0;
                while (System.nanoTime() < stopAt) {
                    String key = withKey ? UUID.randomUUID().toString() : null;
                    orders++;
                    Http.Response response;
                    do {
                        response = withKey
                            ? http.send("POST", "/orders", "restart-client", order(product), "Idempotency-Key", key)
                            : http.send("POST", "/orders", "restart-client", order(product));
                        statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
                        if (response.status() == 503 && response.body().contains("outcome-unknown")) {
                            outcomeUnknown.incrementAndGet();
                        }
                    } while (response.status() == 503);
                    if (response.status() == 201) {
                        placed.add((String) response.json().get("id"));
                    }
                }
                return orders;
            }));
        }
        Thread.sleep(2_000);
        server.close();
        Thread.sleep(2_000);
        server = start();
        int sent = 0;
        for (Future<Integer> client : ordersSent) {
            sent += client.get();
        }
        clients.shutdown();

        System.out.printf("restart under load: %d orders sent, answers %s, %d outcome-unknown%n",
            sent, statuses, outcomeUnknown.get());
        assertThat(statuses.keySet()).isSubsetOf(201, 503);
        assertThat(placed).doesNotHaveDuplicates().hasSize(sent);
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            assertThat(single(sql, "SELECT CAST(extract(epoch FROM pg_postmaster_start_time()) * 1000 AS bigint)"))
                .as("the server restarted under the load").isGreaterThan(loadStart);
            long orders = single(sql, "SELECT count(*) FROM customer_order");
            assertThat(orders - sent).as("duplicates").isBetween(0L, (long) outcomeUnknown.get());
            for (String id : placed) {
                assertThat(single(sql, "SELECT count(*) FROM customer_order WHERE id = '" + id + "'")).isEqualTo(1);
            }
            long stock = single(sql, "SELECT stock FROM product WHERE id = '" + product + "'");
            long held = single(sql, "SELECT coalesce(sum(quantity), 0) FROM order_line");
            assertThat(stock + held).as("stock conserved").isEqualTo(INITIAL_STOCK);
            assertThat(single(sql, "SELECT count(*) FROM customer_order o WHERE NOT EXISTS "
                + "(SELECT 1 FROM order_line l WHERE l.order_id = o.id)")).as("half-written orders").isZero();
        }
    }

    private EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
            .setPGStartupWait(Duration.ofSeconds(30)).start();
    }

    private String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    private UUID product() throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO product (id, sku, name, price_minor, currency, stock, created_at, updated_at, "
                + "version) VALUES ('" + id + "', 'RESTART-1', 'Restart', 100, 'EUR', " + INITIAL_STOCK
                + ", now(), now(), 1)");
        }
        return id;
    }

    private static String order(UUID product) {
        return "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
    }

    private static long single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
