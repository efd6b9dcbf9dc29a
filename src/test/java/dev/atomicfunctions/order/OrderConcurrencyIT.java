package dev.atomicfunctions.order;

import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.Race;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races over real HTTP, truly concurrent in the database: the local gateway gives every in-flight request its own
 * connection, as 64 Lambda environments would have.
 */
class OrderConcurrencyIT extends OrderHttpTestBase {

    @Test
    void neverOversellsWhen64OrdersRaceFor10Units() throws Exception {
        UUID scarce = Catalogue.product("EUR", 100, 10);

        List<Http.Response> responses = Race.of(64, i -> () ->
            http.send("POST", "/orders", "racer-" + i + "-" + UUID.randomUUID(), order(Map.of(scarce, 1))));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(10);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(54)
            .allSatisfy(r -> assertThat(r.json().get("type")).isEqualTo("urn:atomic-functions:problem:insufficient-stock"));
        assertThat(Catalogue.stock(scarce)).isZero();
        assertThat(Db.count("SELECT count(*) FROM order_line WHERE product_id = ?", scarce)).isEqualTo(10);
        assertThat(Catalogue.conserved(scarce)).isTrue();
    }

    @Test
    void keepsStockConservedThroughCancellationsRacingPlacements() throws Exception {
        UUID product = Catalogue.product("EUR", 100, 20);
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            placed.add(place(alice, Map.of(product, 2)));
        }

        List<Http.Response> responses = Race.of(30, i -> () -> i < 10
            ? http.send("POST", "/orders/" + placed.get(i) + "/cancel", alice, null)
            : http.send("POST", "/orders", bob, order(Map.of(product, 1))));

        assertThat(responses.subList(0, 10)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(responses.subList(10, 30)).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        long placedUnits = Db.count("SELECT coalesce(sum(l.quantity), 0) FROM order_line l JOIN customer_order o "
            + "ON o.id = l.order_id WHERE l.product_id = ? AND o.status = 'PLACED'", product);
        assertThat(Catalogue.stock(product) + placedUnits).isEqualTo(20);
        assertThat(Catalogue.stock(product)).isNotNegative();
        assertThat(Catalogue.conserved(product)).isTrue();
    }

    @Test
    void neverLetsADeadlockReachACallerWhenOrdersLockTwoProductsInOppositeOrder() throws Exception {
        UUID left = Catalogue.product("EUR", 100, 1000);
        UUID right = Catalogue.product("EUR", 100, 1000);
        Map<UUID, Integer> leftFirst = new LinkedHashMap<>();
        leftFirst.put(left, 1);
        leftFirst.put(right, 1);
        Map<UUID, Integer> rightFirst = new LinkedHashMap<>();
        rightFirst.put(right, 1);
        rightFirst.put(left, 1);

        List<Http.Response> responses = Race.of(40, i -> () ->
            http.send("POST", "/orders", alice, order(i % 2 == 0 ? leftFirst : rightFirst)));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        assertThat(List.of(Catalogue.stock(left), Catalogue.stock(right))).containsExactly(960, 960);
        assertThat(Catalogue.conserved(left) && Catalogue.conserved(right)).isTrue();
    }
}
