package dev.atomicfunctions.queue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.atomicfunctions.local.LocalEventSource;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.Messages;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A poison message cannot loop: each failed receive is reported, logged once without the body, and after
 * {@code maxReceiveCount} receives the queue (ElasticMQ, real SQS protocol) moves it to the dead-letter queue.
 */
@ExtendWith({TestDatabase.class, TestQueue.class})
class DeadLetterIT {

    @Test
    void movesAPoisonMessageToTheDeadLetterQueueAfterItsLastReceive() throws Exception {
        TestQueue.Queues queues = TestQueue.get();
        TestQueue.drain(queues.events(), 1_000);
        String secret = "secret-" + UUID.randomUUID();
        String poison = Messages.body("task-create-invalid.json", Map.of("id", secret, "subject", "someone"));
        String messageId = queues.client().sendMessage(m -> m.queueUrl(queues.events()).messageBody(poison)
            .messageGroupId("poison").messageDeduplicationId(secret)).messageId();

        try (QueueHandler handler = new QueueHandler(); LogCapture logs = new LogCapture()) {
            LocalEventSource eventSource = new LocalEventSource(queues.client(), queues.events(), handler);
            for (int receive = 1; receive <= TestQueue.MAX_RECEIVE_COUNT + 1; receive++) {
                eventSource.pollOnce(2);
                Thread.sleep(1_100); // the queue's visibility timeout
            }

            List<ILoggingEvent> failures = logs.of(BatchConsumer.class.getName()).stream()
                .filter(e -> e.getFormattedMessage().startsWith("message failed")).toList();
            assertThat(failures).hasSize(TestQueue.MAX_RECEIVE_COUNT)
                .allSatisfy(e -> assertThat(e.getKeyValuePairs().toString()).contains(messageId)
                    .doesNotContain("12345"));
            assertThat(failures).extracting(e -> e.getKeyValuePairs().stream()
                .filter(kv -> kv.key.equals("receiveCount")).findFirst().orElseThrow().value)
                .containsExactly("1", "2", "3");
        }
        List<Message> deadLetters = TestQueue.drain(queues.deadLetters(), 10);
        assertThat(deadLetters).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(poison));
        assertThat(TestQueue.drain(queues.events(), 10)).isEmpty();
    }
}
