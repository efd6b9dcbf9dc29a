package dev.atomicfunctions.order;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.EventPipelineTest;
import dev.atomicfunctions.support.Messages;
import dev.atomicfunctions.support.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same order commands behave the same whatever calls them: placed, refused and cancelled through HTTP and
 * through the queue, they leave the same trace. Same order rows and stock, same audit rows (the change, and the
 * failed attempt audited in a transaction of its own), and the same outbox rows, each relayed right after its commit.
 * Only what names the transport may differ (the origin and its request id).
 */
class OrderCommandsSamenessIT extends EventPipelineTest {

    /** One transport's way to run the commands. */
    private interface Transport {

        /** @return whether the order was placed */
        boolean place(String subject, UUID product, int quantity);

        /** @return whether the order was cancelled */
        boolean cancel(String subject, String orderId);
    }

    private static final Transport HTTP = new Transport() {
        @Override
        public boolean place(String subject, UUID product, int quantity) {
            return http.send("POST", "/orders", subject, "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":"
                + quantity + "}]}").status() == 201;
        }

        @Override
        public boolean cancel(String subject, String orderId) {
            return http.send("POST", "/orders/" + orderId + "/cancel", subject, null).status() == 200;
        }
    };

    private static final Transport QUEUE = new Transport() {
        @Override
        public boolean place(String subject, UUID product, int quantity) {
            return accepted(Messages.body("order-place.json", Map.of("id", "p-" + UUID.randomUUID(), "subject",
                subject, "product", product.toString())).replace("\"quantity\": 1", "\"quantity\": " + quantity));
        }

        @Override
        public boolean cancel(String subject, String orderId) {
            return accepted(Messages.body("order-cancel.json", Map.of("id", "c-" + UUID.randomUUID(), "subject",
                subject, "order", orderId)));
        }

        private boolean accepted(String body) {
            SQSBatchResponse response = consumer.handleRequest(Messages.event(List.of(body), null),
                new TestLambdaContext("queue-consumer"));
            return response.getBatchItemFailures().isEmpty();
        }
    };

    @Test
    void placesRefusesAndCancelsAnOrderWithTheSameTraceThroughHttpAndTheQueue() {
        Trace overHttp = runTheCommands(HTTP);
        Trace overTheQueue = runTheCommands(QUEUE);

        assertThat(overHttp.outcomes()).containsExactly(true, false, true);
        assertThat(overHttp.orders()).containsExactly("CANCELLED");
        assertThat(overHttp.stock()).isEqualTo("3 conserved");
        assertThat(overHttp.audit()).anyMatch(row -> row.startsWith("ATTEMPT_FAILED order"))
            .anyMatch(row -> row.startsWith("CREATE order"));
        assertThat(overHttp.outbox()).containsExactly("order.placed relayed=true", "order.cancelled relayed=true");
        assertThat(overTheQueue).isEqualTo(overHttp);
    }

    /**
     * @param outcomes whether each command succeeded
     * @param orders   the caller's orders' statuses
     * @param stock    the product's stock afterwards, and whether it is conserved
     * @param audit    the caller's audit rows: action, entity, changed fields, reason
     * @param outbox   the caller's orders' events: type, and whether relayed
     */
    private record Trace(List<Boolean> outcomes, List<Object> orders, String stock, List<String> audit,
                         List<String> outbox) {
    }

    /** Places 2 of 3 in stock, then 2 more (refused: 1 left), then cancels the first. */
    private static Trace runTheCommands(Transport transport) {
        String subject = "same-" + UUID.randomUUID();
        UUID product = Catalogue.product("EUR", 250, 3);

        boolean placed = transport.place(subject, product, 2);
        boolean refused = transport.place(subject, product, 2);
        String orderId = Db.rows("SELECT id FROM customer_order WHERE owner_id = ?", subject).getFirst().get("id")
            .toString();
        boolean cancelled = transport.cancel(subject, orderId);

        return new Trace(List.of(placed, refused, cancelled),
            Db.rows("SELECT status FROM customer_order WHERE owner_id = ?", subject).stream()
                .map(row -> row.get("status")).toList(),
            Catalogue.stock(product) + (Catalogue.conserved(product) ? " conserved" : " NOT conserved"),
            Db.rows("SELECT action, entity_type, changed_fields, reason FROM audit_entry WHERE actor = ? ORDER BY id",
                subject).stream().map(row -> row.get("action") + " " + row.get("entity_type") + " "
                + row.get("changed_fields") + " " + row.get("reason")).toList(),
            Db.rows("SELECT event_type, published_at IS NOT NULL AS relayed FROM outbox_event WHERE aggregate_id IN "
                + "(SELECT id::text FROM customer_order WHERE owner_id = ?) ORDER BY created_at, id", subject).stream()
                .map(row -> row.get("event_type") + " relayed=" + row.get("relayed")).toList());
    }
}
