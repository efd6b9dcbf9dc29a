package dev.atomicfunctions.faults;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
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
    private RestartableDatabase database;
    private LocalApiGateway gateway;

    @BeforeEach
    void startAMigratedServerAndTheApi() throws IOException {
        database = RestartableDatabase.start(data);
        gateway = LocalApiGateway.start(0, Map.of("datasources.default.url", database.url()));
    }

    @AfterEach
    void stop() {
        gateway.close();
        database.close();
    }

    @Test
    void aServerRestartedUnderLoadLosesNoOrderAndDoublesNone() throws Exception {
        UUID product = database.products(1, INITIAL_STOCK).getFirst();
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
        database.restart(Duration.ofSeconds(2));
        int sent = 0;
        for (Future<Integer> client : ordersSent) {
            sent += client.get();
        }
        clients.shutdown();

        System.out.printf("restart under load: %d orders sent, answers %s, %d outcome-unknown%n",
            sent, statuses, outcomeUnknown.get());
        assertThat(statuses.keySet()).isSubsetOf(201, 503);
        assertThat(placed).doesNotHaveDuplicates().hasSize(sent);
        assertThat(database.single("SELECT CAST(extract(epoch FROM pg_postmaster_start_time()) * 1000 AS bigint)"))
            .as("the server restarted under the load").isGreaterThan(loadStart);
        long orders = database.single("SELECT count(*) FROM customer_order");
        assertThat(orders - sent).as("duplicates").isBetween(0L, (long) outcomeUnknown.get());
        for (String id : placed) {
            assertThat(database.single("SELECT count(*) FROM customer_order WHERE id = '" + id + "'")).isEqualTo(1);
        }
        long stock = database.single("SELECT stock FROM product WHERE id = '" + product + "'");
        long held = database.single("SELECT coalesce(sum(quantity), 0) FROM order_line");
        assertThat(stock + held).as("stock conserved").isEqualTo(INITIAL_STOCK);
        assertThat(database.single("SELECT count(*) FROM customer_order o WHERE NOT EXISTS "
            + "(SELECT 1 FROM order_line l WHERE l.order_id = o.id)")).as("half-written orders").isZero();
    }

    private static String order(UUID product) {
        return "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}";
    }
}
