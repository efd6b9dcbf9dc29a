package dev.atomicfunctions.task;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.atomicfunctions.jobs.ScheduledRuns;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.EventPipelineTest;
import dev.atomicfunctions.support.TestQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order's end reaches the warehouse, on real components: the API handler -> outbox -> relay -> ElasticMQ (real
 * SQS protocol and SDK client) -> the event source emulation -> the real queue handler. {@code order.placed} makes
 * the fulfilment task; {@code order.cancelled} and {@code order.expired} cancel it (the task is deleted, audited),
 * once whatever the redeliveries, and leave a task the warehouse already completed or deleted alone. Nothing is
 * dead-lettered.
 */
class FulfilmentEventsIT extends EventPipelineTest {

    @BeforeEach
    void relayWhatOthersLeftAndEmptyTheQueues() {
        ScheduledRuns.relayPendingAndEmptyTheQueues();
    }

    @Test
    void cancelsTheFulfilmentTaskOfACancelledOrderOnceWhateverTheRedeliveries() {
        String orderId = placeOrderAndConsumeItsPlacement();
        String taskId = taskOf(orderId);

        assertThat(http.send("POST", "/orders/" + orderId + "/cancel", buyer, null).status()).isEqualTo(200);
        List<Message> cancelled = TestQueue.drain(TestQueue.get().events(), 10);
        SQSBatchResponse first = consume(cancelled);
        SQSBatchResponse again = consume(cancelled);
        resendAndPoll(cancelled);

        assertThat(cancelled).singleElement().satisfies(m -> assertThat(m.body()).contains("\"order.cancelled\""));
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertTaskCancelledOnce(orderId, taskId);
        assertQueuesEmpty();
    }

    @Test
    void cancelsTheFulfilmentTaskOfAnExpiredOrderOnceWhateverTheRedeliveries() {
        String orderId = placeOrderAndConsumeItsPlacement();
        String taskId = taskOf(orderId);
        Db.execute("UPDATE customer_order SET created_at = now() - interval '49 hours' WHERE id = '" + orderId + "'");

        ScheduledRuns.runOnce();
        List<Message> expired = TestQueue.drain(TestQueue.get().events(), 10_000).stream()
            .filter(m -> m.body().contains(orderId)).toList();
        SQSBatchResponse first = consume(expired);
        SQSBatchResponse again = consume(expired);
        resendAndPoll(expired);

        assertThat(expired).singleElement().satisfies(m -> assertThat(m.body()).contains("\"order.expired\""));
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertTaskCancelledOnce(orderId, taskId);
        assertQueuesEmpty();
    }

    @Test
    void leavesATaskTheWarehouseAlreadyCompletedAsItIs() {
        String orderId = placeOrderAndConsumeItsPlacement();
        String taskId = taskOf(orderId);
        assertThat(http.send("PATCH", "/tasks/" + taskId, WAREHOUSE, "{\"completed\":true}").status()).isEqualTo(200);

        assertThat(http.send("POST", "/orders/" + orderId + "/cancel", buyer, null).status()).isEqualTo(200);
        pollUntilEmpty();

        assertThat(Db.rows("SELECT completed, version FROM task WHERE id = ?::uuid", taskId))
            .containsExactly(Map.of("completed", true, "version", 2L));
        assertThat(Db.rows("SELECT action FROM audit_entry WHERE entity_type = 'task' AND entity_id = ? ORDER BY id",
            taskId)).extracting(r -> r.get("action")).containsExactly("CREATE", "UPDATE");
        assertQueuesEmpty();
    }

    @Test
    void acknowledgesTheEndOfAnOrderWhoseTaskTheWarehouseDeleted() {
        String orderId = placeOrderAndConsumeItsPlacement();
        String taskId = taskOf(orderId);
        assertThat(http.send("DELETE", "/tasks/" + taskId, WAREHOUSE, null).status()).isEqualTo(204);

        assertThat(http.send("POST", "/orders/" + orderId + "/cancel", buyer, null).status()).isEqualTo(200);
        pollUntilEmpty();

        assertThat(Db.count("SELECT count(*) FROM task WHERE order_id = ?::uuid", orderId)).isZero();
        assertThat(Db.rows("SELECT action, actor FROM audit_entry WHERE entity_type = 'task' AND entity_id = ? "
            + "ORDER BY id", taskId)).extracting(r -> r.get("action") + " " + r.get("actor"))
            .containsExactly("CREATE " + WAREHOUSE, "DELETE " + WAREHOUSE);
        assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE operation = 'queue order.cancelled' "
            + "AND idempotency_key IN (SELECT id::text FROM outbox_event WHERE aggregate_id = ?)", orderId)).isOne();
        assertQueuesEmpty();
    }

    private String placeOrderAndConsumeItsPlacement() {
        String orderId = placeOrder(Catalogue.product("EUR", 100, 5));
        pollUntilEmpty();
        return orderId;
    }

    /** @return the order's open fulfilment task, which {@code order.placed} made, linked to the order */
    private static String taskOf(String orderId) {
        List<Map<String, Object>> tasks = Db.rows("SELECT id, owner_id, title, completed FROM task "
            + "WHERE order_id = ?::uuid", orderId);
        assertThat(tasks).singleElement().satisfies(task -> assertThat(task)
            .containsEntry("owner_id", WAREHOUSE).containsEntry("title", "Pick and pack order " + orderId)
            .containsEntry("completed", false));
        return tasks.getFirst().get("id").toString();
    }

    /**
     * The same message once more through the queue, as a relay that died before marking its event published sends
     * it again after SQS's five-minute de-duplication window (hence a new de-duplication id).
     */
    private static void resendAndPoll(List<Message> messages) {
        TestQueue.Queues queues = TestQueue.get();
        for (Message message : messages) {
            queues.client().sendMessage(m -> m.queueUrl(queues.events()).messageBody(message.body())
                .messageGroupId("resent").messageDeduplicationId(UUID.randomUUID().toString()));
        }
        pollUntilEmpty();
    }

    private static void assertTaskCancelledOnce(String orderId, String taskId) {
        assertThat(Db.count("SELECT count(*) FROM task WHERE order_id = ?::uuid", orderId)).isZero();
        assertThat(Db.rows("SELECT action, actor, origin FROM audit_entry WHERE entity_type = 'task' "
            + "AND entity_id = ? ORDER BY id", taskId)).extracting(r -> r.get("action") + " " + r.get("actor") + " "
            + r.get("origin")).containsExactly("CREATE " + WAREHOUSE + " QUEUE", "DELETE " + WAREHOUSE + " QUEUE");
    }

    private static void assertQueuesEmpty() {
        assertThat(TestQueue.drain(TestQueue.get().deadLetters(), 10)).isEmpty();
        assertThat(TestQueue.drain(TestQueue.get().events(), 10)).isEmpty();
    }
}
