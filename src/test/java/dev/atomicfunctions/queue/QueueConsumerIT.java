package dev.atomicfunctions.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Messages;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@link QueueHandler}, built as Lambda builds it, fed SQS events shaped like AWS's samples: partial batch
 * responses, de-duplication of redeliveries, FIFO groups, an outage. Every case is proven on the rows.
 */
@ExtendWith(TestDatabase.class)
class QueueConsumerIT {

    private static QueueHandler handler;
    private final String subject = "queue-user-" + UUID.randomUUID();

    @BeforeAll
    static void buildHandler() {
        handler = new QueueHandler();
    }

    @AfterAll
    static void closeHandler() {
        handler.close();
    }

    @Test
    void failsEveryRecordOfAwsSampleWhoseBodiesAreNoCommandsAndWritesNothing() {
        SQSEvent sample = EventLoader.loadSQSEvent(Messages.SQS_SAMPLE);

        SQSBatchResponse response = handler.handleRequest(sample, new TestLambdaContext("queue-consumer"));

        assertThat(failed(response)).containsExactlyElementsOf(
            sample.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList());
    }

    @Test
    void reportsOnlyTheFailedMessagesOfABatchAndCommitsTheOthers() {
        String first = "first-" + UUID.randomUUID();
        String third = "third-" + UUID.randomUUID();
        SQSEvent event = Messages.event(List.of(
            command("task-create.json", first),
            command("task-create-invalid.json", "invalid"),
            command("task-create.json", third),
            command("unknown-type.json", "unknown"),
            command("task-create-v2.json", "v2"),
            Messages.body("not-json.txt", Map.of("id", "x"))), null);

        SQSBatchResponse response = handler.handleRequest(event, new TestLambdaContext("queue-consumer"));

        assertThat(failed(response)).containsExactly(id(event, 1), id(event, 3), id(event, 4), id(event, 5));
        assertThat(Db.rows("SELECT title FROM task WHERE owner_id = ? ORDER BY created_at", subject))
            .extracting(r -> r.get("title")).containsExactly(first, third);
        assertThat(Db.rows("SELECT origin, request_id, correlation_id FROM audit_entry WHERE actor = ? "
            + "ORDER BY id LIMIT 1", subject)).singleElement().satisfies(audit -> assertThat(audit)
            .containsEntry("origin", "QUEUE").containsEntry("request_id", id(event, 0)));
    }

    @Test
    void acknowledgesARedeliveredMessageWithoutASecondEffect() {
        String commandId = "cmd-" + UUID.randomUUID();
        String body = Messages.body("task-create.json", Map.of("id", commandId, "subject", subject,
            "title", "once"));
        SQSEvent first = Messages.event(List.of(body), null);
        SQSEvent redelivered = Messages.event(List.of(body, body), null);

        SQSBatchResponse firstResponse = handler.handleRequest(first, new TestLambdaContext("queue-consumer"));
        SQSBatchResponse againResponse = handler.handleRequest(redelivered, new TestLambdaContext("queue-consumer"));

        assertThat(failed(firstResponse)).isEmpty();
        assertThat(failed(againResponse)).isEmpty();
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", subject)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE owner_id = ? AND idempotency_key = ?",
            subject, commandId)).isEqualTo(1);
    }

    @Test
    void stopsAFifoGroupAtItsFirstFailureAndLetsTheOtherGroupsGoOn() {
        SQSEvent event = Messages.event(List.of(
            command("task-create.json", "a1"),
            command("task-create-invalid.json", "a2"),
            command("task-create.json", "a3"),
            command("task-create.json", "b1"),
            command("task-create.json", "b2")), List.of("groupA", "groupA", "groupA", "groupB", "groupB"));

        SQSBatchResponse response = handler.handleRequest(event, new TestLambdaContext("queue-consumer"));

        assertThat(failed(response)).containsExactly(id(event, 1), id(event, 2));
        assertThat(Db.rows("SELECT title FROM task WHERE owner_id = ? ORDER BY created_at", subject))
            .extracting(r -> r.get("title")).containsExactly("a1", "b1", "b2");
    }

    @Test
    void beginsNoMessageWithLessThanTheRetryMarginLeftAndReportsThemForRedelivery() {
        SQSEvent event = Messages.event(List.of(command("task-create.json", "late-1"),
            command("task-create.json", "late-2")), null);

        SQSBatchResponse response = handler.handleRequest(event,
            new TestLambdaContext("queue-consumer", Duration.ofMillis(2_500)));

        assertThat(failed(response)).containsExactly(id(event, 0), id(event, 1));
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", subject)).isZero();
    }

    @Test
    void placesAndCancelsOrdersFromCommandsWithTheApisRules() {
        UUID product = Catalogue.product("EUR", 100, 1);
        String orderId;
        SQSEvent place = Messages.event(List.of(
            Messages.body("order-place.json", Map.of("id", "p-" + UUID.randomUUID(), "subject", subject,
                "product", product.toString())),
            Messages.body("order-place.json", Map.of("id", "p-" + UUID.randomUUID(), "subject", subject,
                "product", product.toString()))), null);

        SQSBatchResponse placed = handler.handleRequest(place, new TestLambdaContext("queue-consumer"));
        orderId = Db.rows("SELECT id FROM customer_order WHERE owner_id = ?", subject).getFirst().get("id").toString();
        SQSBatchResponse cancelled = handler.handleRequest(Messages.event(List.of(Messages.body("order-cancel.json",
            Map.of("id", "c-" + UUID.randomUUID(), "subject", subject, "order", orderId))), null),
            new TestLambdaContext("queue-consumer"));

        // The second order found no stock left: it fails alone, as POST /orders would answer 409.
        assertThat(failed(placed)).containsExactly(id(place, 1));
        assertThat(failed(cancelled)).isEmpty();
        assertThat(Db.rows("SELECT status FROM customer_order WHERE owner_id = ?", subject))
            .containsExactly(Map.of("status", "CANCELLED"));
        assertThat(Catalogue.stock(product)).isEqualTo(1);
        assertThat(Catalogue.conserved(product)).isTrue();
        // Its failed attempt is audited as POST /orders audits one, through the queue; the two that committed have none.
        assertThat(Db.rows("SELECT entity_type, origin, request_id, reason FROM audit_entry "
            + "WHERE actor = ? AND action = 'ATTEMPT_FAILED'", subject)).containsExactly(Map.of("entity_type", "order",
            "origin", "QUEUE", "request_id", id(place, 1), "reason", "place: insufficient-stock"));
    }

    @Test
    void failsTheRestOfTheBatchUnreadWhenTheDatabaseIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SQSEvent event = Messages.event(List.of(command("task-create.json", "x1"), command("task-create.json", "x2"),
            command("task-create.json", "x3")), null);

        SQSBatchResponse response;
        try (QueueHandler cutOff = new QueueHandler(new LambdaApplicationContextBuilder().properties(Map.of(
            "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/atomic",
            "datasources.default.connection-timeout", 500)).build())) {
            response = cutOff.handleRequest(event, new TestLambdaContext("queue-consumer"));
        }

        assertThat(failed(response)).containsExactly(id(event, 0), id(event, 1), id(event, 2));
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", subject)).isZero();
    }

    private String command(String fixture, String title) {
        return Messages.body(fixture, Map.of("id", "cmd-" + UUID.randomUUID(), "subject", subject, "title", title));
    }

    private static String id(SQSEvent event, int index) {
        return event.getRecords().get(index).getMessageId();
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
            .toList();
    }
}
