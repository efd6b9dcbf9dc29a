package dev.atomicfunctions.faults;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The soak's invariants, read from the database once the traffic has stopped: each broken one is a violation. */
final class SoakInvariants {

    private final RestartableDatabase database;
    private final List<UUID> products;

    SoakInvariants(RestartableDatabase database, List<UUID> products) {
        this.database = database;
        this.products = products;
    }

    List<String> check(List<SoakClient> clients) throws SQLException {
        List<String> violations = new ArrayList<>();
        clients.forEach(client -> violations.addAll(client.unexpected));
        zero(violations, "orders without lines (half-written)",
            "SELECT count(*) FROM customer_order o WHERE NOT EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id)");
        zero(violations, "orders without exactly one order.placed event", "SELECT count(*) FROM customer_order o "
            + "LEFT JOIN (SELECT aggregate_id, count(*) AS n FROM outbox_event WHERE event_type = 'order.placed' "
            + "GROUP BY aggregate_id) e ON e.aggregate_id = o.id::text WHERE coalesce(e.n, 0) <> 1");
        zero(violations, "committed requests also audited ATTEMPT_FAILED", "SELECT count(*) FROM "
            + "(SELECT request_id FROM audit_entry WHERE action = 'ATTEMPT_FAILED') f JOIN "
            + "(SELECT DISTINCT request_id FROM audit_entry WHERE action <> 'ATTEMPT_FAILED') c USING (request_id)");
        for (UUID product : products) {
            long stock = database.single("SELECT stock FROM product WHERE id = '" + product + "'");
            long held = database.single("SELECT coalesce(sum(l.quantity), 0) FROM order_line l JOIN customer_order o "
                + "ON o.id = l.order_id WHERE l.product_id = '" + product + "' AND o.status IN ('PLACED', 'FULFILLED')");
            long moved = database.single("SELECT coalesce(sum(quantity), 0) FROM stock_movement WHERE product_id = '"
                + product + "'");
            if (stock + held != ChaosSoak.INITIAL_STOCK || moved != stock) {
                violations.add("stock not conserved for " + product + ": stock " + stock + ", held " + held
                    + ", movements " + moved);
            }
        }
        for (SoakClient client : clients) {
            long orders = database.single("SELECT count(*) FROM customer_order WHERE owner_id = '" + client.subject + "'");
            long tasks = database.single("SELECT count(*) FROM task WHERE owner_id = '" + client.subject + "'");
            long allowed = client.withKeys ? 0 : client.outcomeUnknown;
            if (orders < client.orders.size() || orders - client.orders.size() > allowed
                || tasks < client.tasks || tasks - client.tasks > allowed) {
                violations.add(client.subject + (client.withKeys ? " (keys)" : " (no keys)") + ": told " + client.orders.size()
                    + " orders and " + client.tasks + " tasks, the database holds " + orders + " and " + tasks);
            }
        }
        return violations;
    }

    private void zero(List<String> violations, String what, String countQuery) throws SQLException {
        long count = database.single(countQuery);
        if (count != 0) {
            violations.add(count + " " + what);
        }
    }
}
