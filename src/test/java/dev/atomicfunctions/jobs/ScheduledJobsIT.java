package dev.atomicfunctions.jobs;

import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled function, fed AWS's EventBridge sample: orders left PLACED too long expire with their stock back,
 * once, even with two runs at once; old idempotency records go; one summary per run.
 */
@ExtendWith(TestDatabase.class)
class ScheduledJobsIT {

    private final String owner = "sleepy-" + UUID.randomUUID();

    @Test
    void expiresOrdersLeftPlacedTooLongAndGivesTheirStockBack() {
        UUID product = Catalogue.product("EUR", 100, 10);
        String old = placedOrder(product, 3, "49 hours");
        String recent = placedOrder(product, 2, "1 minute");

        Map<String, Object> summary = ScheduledRuns.runOnce();

        assertThat(summary).containsKeys("expiredOrders", "relayedEvents", "purgedRecords", "durationMs")
            .containsEntry("stoppedForDeadline", false);
        assertThat(status(old)).isEqualTo("EXPIRED");
        assertThat(status(recent)).isEqualTo("PLACED");
        assertThat(Catalogue.stock(product)).isEqualTo(8);
        assertThat(Db.rows("SELECT kind, quantity FROM stock_movement WHERE order_id = ?::uuid ORDER BY kind", old))
            .extracting(r -> r.get("kind") + " " + r.get("quantity")).containsExactly("RELEASE 3", "RESERVATION -3");
        assertThat(Db.rows("SELECT event_type FROM outbox_event WHERE aggregate_id = ?", old))
            .containsExactly(Map.of("event_type", "order.expired"));
        assertThat(Db.rows("SELECT action, actor, origin FROM audit_entry WHERE entity_id = ?", old))
            .containsExactly(Map.of("action", "EXPIRE", "actor", "system:scheduler", "origin", "SCHEDULE"));
        assertThat(Catalogue.conserved(product)).isTrue();
    }

    @Test
    void expiresEachOrderOnceWhenTwoRunsOverlap() throws Exception {
        UUID product = Catalogue.product("EUR", 100, 100);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            orders.add(placedOrder(product, 1, "3 days"));
        }

        CompletableFuture<Map<String, Object>> first = CompletableFuture.supplyAsync(ScheduledRuns::runOnce);
        CompletableFuture<Map<String, Object>> second = CompletableFuture.supplyAsync(ScheduledRuns::runOnce);
        first.get();
        second.get();

        assertThat(orders).allSatisfy(order -> {
            assertThat(status(order)).isEqualTo("EXPIRED");
            assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE order_id = ?::uuid AND kind = 'RELEASE'",
                order)).isEqualTo(1);
            assertThat(Db.count("SELECT count(*) FROM outbox_event WHERE aggregate_id = ? "
                + "AND event_type = 'order.expired'", order)).isEqualTo(1);
        });
        assertThat(Catalogue.stock(product)).isEqualTo(100);
        assertThat(Catalogue.conserved(product)).isTrue();
    }

    @Test
    void purgesIdempotencyRecordsPastTheirRetention() {
        String key = "old-" + UUID.randomUUID();
        Db.rows("INSERT INTO idempotency_record (owner_id, operation, idempotency_key, fingerprint, response, "
            + "created_at) VALUES (?, 'task.create', ?, 'x', '{}', now() - interval '25 hours') RETURNING id", owner, key);
        Db.rows("INSERT INTO idempotency_record (owner_id, operation, idempotency_key, fingerprint, response, "
            + "created_at) VALUES (?, 'task.create', ?, 'x', '{}', now()) RETURNING id", owner, key + "-new");

        ScheduledRuns.runOnce();

        assertThat(Db.rows("SELECT idempotency_key FROM idempotency_record WHERE owner_id = ?", owner))
            .containsExactly(Map.of("idempotency_key", key + "-new"));
    }

    /** A PLACED order, as placement leaves it, placed {@code age} ago. */
    private String placedOrder(UUID product, int quantity, String age) {
        return Catalogue.placedOrder(product, owner, quantity, age).toString();
    }

    private static String status(String order) {
        return (String) Db.rows("SELECT status FROM customer_order WHERE id = ?::uuid", order).getFirst().get("status");
    }
}
