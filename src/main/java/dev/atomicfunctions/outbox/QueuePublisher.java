package dev.atomicfunctions.outbox;

import dev.atomicfunctions.platform.messaging.SqsClients;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Sends outbox events to the queue ({@code OUTBOX_QUEUE_URL}) with the AWS SDK's SQS client over the JDK's URL
 * connection. The client is built on first use: a function that never publishes never loads the SDK's SQS classes.
 * On a FIFO queue the aggregate id is the message group (an aggregate's events arrive in order) and the event id the
 * de-duplication id (a re-publish within SQS's five minutes is dropped); consumers de-duplicate by event id anyway.
 */
@Singleton
class QueuePublisher implements AutoCloseable {

    private final String queueUrl;
    private final Duration timeout;
    private final JsonMapper json;
    private final SqsClients.Lazy client;

    QueuePublisher(@Value("${atomic.outbox.queue-url:}") String queueUrl,
                   @Value("${atomic.outbox.endpoint:}") String endpoint,
                   @Value("${atomic.outbox.publish-timeout}") Duration timeout, JsonMapper json) {
        this.queueUrl = queueUrl;
        this.client = new SqsClients.Lazy(endpoint, timeout);
        this.timeout = timeout;
        this.json = json;
    }

    /** @return whether a queue is configured ({@code OUTBOX_QUEUE_URL}); without one nothing is relayed */
    boolean configured() {
        return !queueUrl.isBlank();
    }

    /**
     * @param within how long the call may take at most (its configured bound applies too)
     * @return the ids of the events the queue accepted (the others stay pending)
     */
    Set<UUID> publish(List<OutboxEvent> events, Duration within) {
        boolean fifo = queueUrl.endsWith(".fifo");
        List<SendMessageBatchRequestEntry> entries = events.stream().map(event -> {
            SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                .id(event.id().toString())
                .messageBody(envelope(event));
            if (fifo) {
                entry.messageGroupId(event.aggregateType() + ":" + event.aggregateId())
                    .messageDeduplicationId(event.id().toString());
            }
            return entry.build();
        }).toList();
        Duration callTimeout = within.compareTo(timeout.multipliedBy(2)) < 0 ? within : timeout.multipliedBy(2);
        SendMessageBatchResponse response = client.get().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)
            .overrideConfiguration(c -> c.apiCallTimeout(callTimeout)));
        Set<UUID> accepted = new HashSet<>();
        response.successful().forEach(ok -> accepted.add(UUID.fromString(ok.id())));
        return accepted;
    }

    /** The consumer's envelope: the event's id is its de-duplication key. */
    private String envelope(OutboxEvent event) {
        try {
            return "{\"type\":" + json.writeValueAsString(event.eventType()) + ",\"version\":1,\"id\":\"" + event.id()
                + "\",\"correlationId\":\"" + event.id() + "\",\"payload\":" + event.payload() + "}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }



    @PreDestroy
    @Override
    public void close() {
        client.close();
    }
}
