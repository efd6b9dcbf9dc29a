package dev.atomicfunctions.product;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races over real HTTP: the local gateway gives each in-flight request its own connection, as separate Lambda
 * environments would have, so the requests really meet in the database.
 */
class ProductConcurrencyIT extends ProductHttpTestBase {

    private static final int RACERS = 16;
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(RACERS);

    @AfterAll
    static void stopThreads() {
        THREADS.shutdownNow();
    }

    /** The unique index decides: one create wins, every other one is told which product has the SKU. */
    @RepeatedTest(3)
    void exactlyOneOfManyConcurrentCreatesOfTheSameSkuWins() throws Exception {
        String sku = "race-" + UUID.randomUUID();

        // Half of them write the SKU in upper case: the same SKU for the index.
        List<Http.Response> responses = race(i -> () -> asAdmin(admin, "POST", "/products",
            newProduct(i % 2 == 0 ? sku : sku.toUpperCase(), "Racer " + i, 100 + i, "EUR", 4)));

        List<Http.Response> created = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).hasSize(1);
        Map<String, Object> winner = created.getFirst().json();
        List<Http.Response> refused = responses.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(RACERS - 1).allSatisfy(response -> {
            assertProblem(response, 409);
            @SuppressWarnings("unchecked")
            Map<String, Object> existing = (Map<String, Object>) response.json().get("existing");
            // The winner as committed: its initial receipt included.
            assertThat(existing).containsEntry("id", winner.get("id")).containsEntry("name", winner.get("name"))
                .containsEntry("stock", 4).containsEntry("version", winner.get("version"));
        });
        String id = (String) winner.get("id");
        assertThat(productsWithSku(sku)).isEqualTo(1);
        assertThat(movements(id)).isEqualTo(1);
        assertThat(productRow(id)).containsEntry("stock", 4);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'CREATE'", admin))
            .isEqualTo(1);
    }

    /**
     * The losing insert waits for the winner's transaction; once that commits, the loser reads the winner as
     * committed (after its last change), in its own transaction, and rolls everything back.
     */
    @Test
    void answersWithTheWinnerAsCommittedAfterWaitingForIt() throws Exception {
        String sku = "waits-" + UUID.randomUUID();
        UUID winnerId = UUID.randomUUID();
        Future<Http.Response> loser;
        try (Connection winner = Db.connect()) {
            winner.setAutoCommit(false);
            execute(winner, "INSERT INTO product (id, sku, name, price_minor, currency, stock, created_at, updated_at, "
                + "version) VALUES (?::uuid, ?, 'Winner', 700, 'EUR', 0, now(), now(), 1)", winnerId, sku.toUpperCase());
            loser = THREADS.submit(() -> asAdmin(admin, "POST", "/products", newProduct(sku, "Loser", 1, "EUR", 2)));
            awaitBlockedOnALock("^INSERT INTO \"?product\"? ");
            execute(winner, "INSERT INTO stock_movement (id, product_id, kind, quantity, reason, actor, created_at) "
                + "VALUES (?::uuid, ?::uuid, 'RECEIPT', 9, 'initial stock', 'winner', now())", UUID.randomUUID(), winnerId);
            execute(winner, "UPDATE product SET stock = 9, version = 2 WHERE id = ?::uuid", winnerId);
            winner.commit();
        }
        Http.Response response = loser.get(20, TimeUnit.SECONDS);

        assertProblem(response, 409);
        assertThat(response.json().get("existing")).asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("id", winnerId.toString()).containsEntry("sku", sku.toUpperCase())
            .containsEntry("name", "Winner").containsEntry("stock", 9).containsEntry("version", 2);
        assertThat(productsWithSku(sku)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE actor = ?", admin)).isZero();
        assertThat(auditsBy(admin)).isZero();
    }

    /**
     * The patch read version 2, but before its conditional update writes, another transaction has moved the stock
     * (a change of the product like any other): the patch loses with 409 instead of writing over it.
     */
    @Test
    void refusesAPatchThatLostTheRaceWith409() throws Exception {
        String id = create(freshSku(), 1);
        Http.Response response;
        try (Connection other = Db.connect()) {
            other.setAutoCommit(false);
            execute(other, "UPDATE product SET stock = stock + 1, version = version + 1 WHERE id = ?::uuid", id);
            execute(other, "INSERT INTO stock_movement (id, product_id, kind, quantity, reason, actor, created_at) "
                + "VALUES (?::uuid, ?::uuid, 'RECEIPT', 1, 'elsewhere', 'other', now())", UUID.randomUUID(), id);
            Future<Http.Response> patch = THREADS.submit(() -> asAdmin(admin, "PATCH", "/products/" + id,
                "{\"priceMinor\":1}", "If-Match", "\"2\""));
            awaitBlockedOnALock("^UPDATE \"?product\"? ");
            other.commit();
            response = patch.get(20, TimeUnit.SECONDS);
        }

        assertProblem(response, 409);
        assertThat(response.json()).containsEntry("type", "urn:atomic-functions:problem:concurrent-modification");
        assertThat(productRow(id)).containsEntry("price_minor", 1999L).containsEntry("stock", 2)
            .containsEntry("version", 3L);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND action = 'UPDATE'", id))
            .isZero();
    }

    /** No oversell: of many concurrent withdrawals, exactly as many succeed as there is stock. */
    @Test
    void neverTakesTheStockBelowZeroUnderConcurrentWithdrawals() throws Exception {
        String id = create(freshSku(), 5);

        List<Http.Response> responses = race(i -> () -> asAdmin(admin, "POST", "/products/" + id
            + "/stock-movements", movement("ADJUSTMENT", -1, "withdrawal " + i)));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(5);
        assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(RACERS - 5).allSatisfy(response -> {
            assertProblem(response, 409);
            assertThat(response.json()).containsEntry("available", 0);
        });
        assertThat(productRow(id)).containsEntry("stock", 0);
        assertThat(movedStock(id)).isZero();
        assertThat(movements(id)).isEqualTo(6);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND action = 'UPDATE'", id))
            .isEqualTo(5);
    }

    private static void execute(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            statement.execute();
        }
    }

    /** Waits until a statement matching {@code query} (a regular expression) waits for a lock another holds. */
    private static void awaitBlockedOnALock(String query) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ~* ?",
            query) == 0) {
            assertThat(System.nanoTime()).as("no statement like " + query + " waited for a lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Sends {@value #RACERS} requests released at the same moment and waits for every answer. */
    private static List<Http.Response> race(IntFunction<Callable<Http.Response>> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(RACERS);
        List<Future<Http.Response>> futures = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Callable<Http.Response> send = request.apply(i);
            futures.add(THREADS.submit(() -> {
                start.await();
                return send.call();
            }));
        }
        List<Http.Response> responses = new ArrayList<>();
        for (Future<Http.Response> future : futures) {
            responses.add(future.get(60, TimeUnit.SECONDS));
        }
        return responses;
    }
}
