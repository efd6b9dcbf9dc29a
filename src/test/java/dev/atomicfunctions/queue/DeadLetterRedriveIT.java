package dev.atomicfunctions.queue;

import dev.atomicfunctions.jobs.ScheduledRuns;
import dev.atomicfunctions.local.LocalEventSource;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Messages;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.support.TestQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After an outage an operator moves the dead-letter queue back ({@code StartMessageMoveTask}, SQS's redrive, here
 * against ElasticMQ with the real SDK client) and every message is then processed exactly once: one that had been
 * processed before it was dead-lettered (its acknowledgement lost) is acknowledged without a second effect, thanks
 * to its de-duplication record; one that never got through is processed now.
 */
@ExtendWith({TestDatabase.class, TestQueue.class})
class DeadLetterRedriveIT {

    private final String subject = "redrive-" + UUID.randomUUID();
    private final SqsClient sqs = TestQueue.get().client();

    @BeforeEach
    void relayWhatOthersLeftAndEmptyTheQueues() {
        ScheduledRuns.relayPendingAndEmptyTheQueues();
    }

    @Test
    void processesEveryMessageExactlyOnceAfterTheDeadLetterQueueIsMovedBack() throws Exception {
        String processed = send("task-create.json", "processed before it was dead-lettered");
        String neverThrough = send("task-create.json", "never got through");
        try (QueueHandler handler = new QueueHandler()) {
            // The first is handled, but its acknowledgement is lost (the invocation timed out after the commit).
            List<Message> first = receiveUntil(2);
            handler.handleRequest(LocalEventSource.event(first.stream().filter(m -> m.body().equals(processed))
                .toList()), new TestLambdaContext("queue-consumer"));
            // Then neither gets through (the consumer keeps failing) until the queue dead-letters both.
            for (int receive = 2; receive <= TestQueue.MAX_RECEIVE_COUNT; receive++) {
                receiveUntil(2);
            }
            assertThat(receiveUntil(0)).isEmpty();
        }
        assertThat(visible(TestQueue.get().deadLetters())).isEqualTo(2);
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", subject)).isOne();

        // The operator's redrive: aws sqs start-message-move-task --source-arn <dlq arn> --destination-arn <queue arn>
        // ElasticMQ's task moves nothing out of a FIFO queue (see below): its loop, as SQS runs it, stands in for it.
        int moved = TestQueue.moveMessages(TestQueue.get().deadLetters(), TestQueue.get().events());
        try (QueueHandler handler = new QueueHandler()) {
            LocalEventSource consumer = new LocalEventSource(sqs, TestQueue.get().events(), handler);
            while (consumer.pollOnce(1) > 0) {
                // Until the queue has nothing visible left.
            }
        }

        assertThat(moved).isEqualTo(2);
        assertThat(Db.rows("SELECT title FROM task WHERE owner_id = ? ORDER BY title", subject))
            .extracting(r -> r.get("title")).containsExactly("never got through", "processed before it was dead-lettered");
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'CREATE'", subject))
            .isEqualTo(2);
        assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE owner_id = ?", subject)).isEqualTo(2);
        assertThat(TestQueue.drain(TestQueue.get().events(), 10)).isEmpty();
        assertThat(TestQueue.drain(TestQueue.get().deadLetters(), 10)).isEmpty();
        assertThat(visible(TestQueue.get().deadLetters()) + visible(TestQueue.get().events())).isZero();
    }

    /**
     * Why {@link #processesEveryMessageExactlyOnceAfterTheDeadLetterQueueIsMovedBack} moves the messages with
     * {@link TestQueue#moveMessages} rather than SQS's {@code StartMessageMoveTask}: ElasticMQ (1.6.15, and its sources
     * up to 1.7.1) accepts the task and reports it completed, but takes messages from a FIFO queue's list that only
     * standard queues fill, so it moves none. When this fails, ElasticMQ moves them: use its task instead.
     */
    @Test
    void elasticMqsMessageMoveTaskMovesNothingOutOfAFifoDeadLetterQueue() throws Exception {
        String body = send("task-create.json", "parked");
        receiveUntil(1);
        for (int receive = 2; receive <= TestQueue.MAX_RECEIVE_COUNT; receive++) {
            receiveUntil(1);
        }
        receiveUntil(0);

        String taskHandle = sqs.startMessageMoveTask(t -> t.sourceArn(arn(TestQueue.get().deadLetters()))
            .destinationArn(arn(TestQueue.get().events()))).taskHandle();
        ListMessageMoveTasksResultEntry task = awaitMoved(taskHandle);

        assertThat(task.status()).isEqualTo("COMPLETED");
        assertThat(task.approximateNumberOfMessagesMoved()).isZero();
        assertThat(TestQueue.drain(TestQueue.get().deadLetters(), 10)).extracting(Message::body).containsExactly(body);
    }

    private String send(String fixture, String title) {
        String body = Messages.body(fixture, Map.of("id", "cmd-" + UUID.randomUUID(), "subject", subject,
            "title", title));
        sqs.sendMessage(m -> m.queueUrl(TestQueue.get().events()).messageBody(body)
            .messageGroupId("g-" + UUID.randomUUID()).messageDeduplicationId(UUID.randomUUID().toString()));
        return body;
    }

    /**
     * Receives, without deleting, until {@code count} messages came (or, for 0, one empty receive); visible again at
     * once, so that each receive counts.
     */
    private List<Message> receiveUntil(int count) {
        Map<String, Message> received = new HashMap<>();
        long end = System.currentTimeMillis() + 10_000;
        do {
            sqs.receiveMessage(r -> r.queueUrl(TestQueue.get().events()).maxNumberOfMessages(10).waitTimeSeconds(1)
                .visibilityTimeout(0).messageSystemAttributeNamesWithStrings("All")).messages()
                .forEach(m -> received.putIfAbsent(m.messageId(), m));
        } while (received.size() < count && System.currentTimeMillis() < end);
        return List.copyOf(received.values());
    }

    private ListMessageMoveTasksResultEntry awaitMoved(String taskHandle) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (true) {
            List<ListMessageMoveTasksResultEntry> tasks = sqs.listMessageMoveTasks(l -> l
                .sourceArn(arn(TestQueue.get().deadLetters()))).results();
            ListMessageMoveTasksResultEntry task = tasks.stream().filter(t -> taskHandle.equals(t.taskHandle()))
                .findFirst().orElse(tasks.isEmpty() ? null : tasks.getFirst());
            if (task != null && !"RUNNING".equals(task.status()) || System.currentTimeMillis() > end) {
                return task;
            }
            Thread.sleep(100);
        }
    }

    private int visible(String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(a -> a.queueUrl(queueUrl)
            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
            .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private String arn(String queueUrl) {
        return sqs.getQueueAttributes(a -> a.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
