package dev.atomicfunctions.faults;

import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a fault may leave of orders of 2 pens placed from a stock of 10. */
final class PlacedOrders {

    private PlacedOrders() {
    }

    /** One order or none, whole: its lines, its stock movement, its event, its audit, and no failed attempt. */
    static void assertPlaced(String owner, UUID pen, int expected) {
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
}
