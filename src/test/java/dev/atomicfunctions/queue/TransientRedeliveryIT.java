package dev.atomicfunctions.queue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.atomicfunctions.jobs.ScheduledRuns;
import dev.atomicfunctions.local.LocalEventSource;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.Messages;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.support.TestQueue;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database outage sends no valid message to the dead-letter queue, and a poison message still gets there quickly:
 * on ElasticMQ (real SQS protocol and SDK client), whose events queue hides a message for 1 s and dead-letters it
 * after {@value TestQueue#MAX_RECEIVE_COUNT} receives. The consumer's database is really unreachable (a closed
 * port); its transient delay is {@value #DELAY_SECONDS} s here (30 s deployed).
 */
@ExtendWith({TestDatabase.class, TestQueue.class})
class TransientRedeliveryIT {

    private static final int DELAY_SECONDS = 2;
    private final String subject = "outage-" + UUID.randomUUID();

    @BeforeEach
    void relayWhatOthersLeftAndEmptyTheQueues() {
        ScheduledRuns.relayPendingAndEmptyTheQueues();
    }

    @Test
    void holdsAMessageBackForAGrowingDelayThroughAnOutageAndHandlesItOnceTheDatabaseIsBack() throws IOException {
        String title = "after the outage";
        send(Messages.body("task-create.json", Map.of("id", "cmd-" + UUID.randomUUID(), "subject", subject,
            "title", title)));
        List<Receive> receives = new ArrayList<>();

        // Down for longer than the three receives one visibility timeout (1 s) apart that dead-letter a message.
        try (QueueHandler cutOff = handler(true, TestQueue.get().events())) {
            pollUntil(cutOff, receives, () -> receives.size() == 1, 10_000);
            long firstReceive = receives.getFirst().receivedAt();
            pollUntil(cutOff, receives, () -> System.currentTimeMillis() - firstReceive > 5_000, 10_000);
        }
        int duringOutage = receives.size();
        try (QueueHandler healthy = handler(false, TestQueue.get().events())) {
            pollUntil(healthy, receives, () -> receives.size() > duringOutage, 15_000);
        }

        assertThat(receives).extracting(Receive::count).containsExactly(1, 2, 3);
        assertThat(duringOutage).isEqualTo(2);
        // Hidden for 2 s after the first failure, then 4 s: never back after the queue's own 1 s.
        assertThat(receives.get(1).receivedAt() - receives.get(0).handledAt()).isBetween(1_900L, 3_000L);
        assertThat(receives.get(2).receivedAt() - receives.get(1).handledAt()).isBetween(3_900L, 5_000L);
        assertThat(Db.rows("SELECT title FROM task WHERE owner_id = ?", subject)).containsExactly(Map.of("title", title));
        assertThat(TestQueue.drain(TestQueue.get().deadLetters(), 10)).isEmpty();
        assertThat(TestQueue.drain(TestQueue.get().events(), 10)).isEmpty();
    }

    @Test
    void deadLettersAMalformedMessageAfterItsReceivesWithoutDelayingThem() throws IOException {
        String malformed = Messages.body("not-json.txt", Map.of("id", UUID.randomUUID().toString()));
        send(malformed);
        List<Receive> receives = new ArrayList<>();

        try (QueueHandler handler = handler(false, TestQueue.get().events())) {
            pollUntil(handler, receives, () -> receives.size() == TestQueue.MAX_RECEIVE_COUNT, 10_000);
            // The next receive finds it over its count: the queue moves it to the dead-letter queue instead.
            pollUntil(handler, receives, () -> false, 2_500);
        }

        assertThat(receives).extracting(Receive::count).containsExactly(1, 2, 3);
        for (int i = 1; i < receives.size(); i++) {
            assertThat(receives.get(i).receivedAt() - receives.get(i - 1).handledAt())
                .as("back after the queue's 1 s visibility timeout, not delayed").isLessThan(1_900L);
        }
        assertThat(TestQueue.drain(TestQueue.get().deadLetters(), 10)).singleElement()
            .satisfies(m -> assertThat(m.body()).isEqualTo(malformed));
        assertThat(TestQueue.drain(TestQueue.get().events(), 10)).isEmpty();
    }

    @Test
    void reportsTheBatchAndLogsOnceWhenTheDelayCannotBeSet() throws IOException {
        send(Messages.body("task-create.json", Map.of("id", "cmd-" + UUID.randomUUID(), "subject", subject,
            "title", "a")));
        send(Messages.body("task-create.json", Map.of("id", "cmd-" + UUID.randomUUID(), "subject", subject,
            "title", "b")));
        List<Receive> receives = new ArrayList<>();
        List<ILoggingEvent> warnings;

        try (QueueHandler cutOff = handler(true, TestQueue.get().events() + "-missing");
             LogCapture logs = new LogCapture()) {
            pollUntil(cutOff, receives, () -> receives.size() == 2, 10_000);
            warnings = logs.of(TransientRedelivery.class.getName());
        }
        // Not delayed: back after the queue's visibility timeout, and still there.
        List<Message> back = TestQueue.drain(TestQueue.get().events(), 10);

        assertThat(warnings).singleElement().satisfies(w -> assertThat(w.getFormattedMessage())
            .startsWith("could not delay the redelivery of 2 messages"));
        assertThat(back).hasSize(2).allSatisfy(m -> assertThat(
            m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2"));
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", subject)).isZero();
        assertThat(TestQueue.drain(TestQueue.get().deadLetters(), 10)).isEmpty();
    }

    /** One receive of a message: when it was received, when the handler was done with it, its receive count. */
    private record Receive(long receivedAt, long handledAt, int count) {
    }

    private interface Condition {
        boolean met();
    }

    /**
     * What the event source mapping does ({@link LocalEventSource}), timed: receive (waiting up to 1 s), hand the
     * batch to the handler, delete what it did not report failed; until the condition holds or the time is up.
     */
    private static void pollUntil(QueueHandler handler, List<Receive> receives, Condition done, long maxMillis) {
        TestQueue.Queues queues = TestQueue.get();
        long end = System.currentTimeMillis() + maxMillis;
        while (!done.met() && System.currentTimeMillis() < end) {
            List<Message> received = queues.client().receiveMessage(r -> r.queueUrl(queues.events())
                .maxNumberOfMessages(10).waitTimeSeconds(1).messageSystemAttributeNamesWithStrings("All")).messages();
            if (received.isEmpty()) {
                continue;
            }
            long receivedAt = System.currentTimeMillis();
            Set<String> failed = new HashSet<>();
            handler.handleRequest(LocalEventSource.event(received), new TestLambdaContext("queue-consumer"))
                .getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            long handledAt = System.currentTimeMillis();
            for (Message message : received) {
                if (!failed.contains(message.messageId())) {
                    queues.client().deleteMessage(d -> d.queueUrl(queues.events()).receiptHandle(message.receiptHandle()));
                }
                receives.add(new Receive(receivedAt, handledAt, Integer.parseInt(
                    message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))));
            }
        }
    }

    private static void send(String body) {
        TestQueue.Queues queues = TestQueue.get();
        queues.client().sendMessage(m -> m.queueUrl(queues.events()).messageBody(body)
            .messageGroupId("g-" + UUID.randomUUID()).messageDeduplicationId(UUID.randomUUID().toString()));
    }

    /** The real handler, with the test's delay, its database reachable or not, delaying on {@code queueUrl}. */
    private static QueueHandler handler(boolean databaseDown, String queueUrl) throws IOException {
        Map<String, Object> properties = new HashMap<>(Map.of(
            "atomic.queue.transient-delay", DELAY_SECONDS + "s",
            "atomic.queue.url", queueUrl));
        if (databaseDown) {
            try (ServerSocket socket = new ServerSocket(0)) {
                properties.put("datasources.default.url", "jdbc:postgresql://127.0.0.1:" + socket.getLocalPort()
                    + "/atomic");
            }
            properties.put("datasources.default.connection-timeout", 500);
        }
        return new QueueHandler(new LambdaApplicationContextBuilder().properties(properties).build());
    }
}
