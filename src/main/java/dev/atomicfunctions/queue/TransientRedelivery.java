package dev.atomicfunctions.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.platform.messaging.SqsClients;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings a message that failed for a transient reason (the database unavailable) back after a growing delay instead
 * of the queue's fixed visibility timeout: {@code ChangeMessageVisibility} to {@code base * 2^(receives - 1)},
 * capped (30 s, 60 s, 120 s, ... by default). An outage then uses a message's few receives over a long time, and
 * the dead-letter queue gets poison messages only: a failure that is the message's own is not delayed, and after
 * {@code maxReceiveCount} quick receives it is dead-lettered. On a FIFO queue the held-back message holds back its
 * group too, which keeps the group's order.
 *
 * <p>Needs the consumer's queue ({@code CONSUMER_QUEUE_URL}); without one, failed messages come back after the
 * queue's visibility timeout, as before. A failed call changes nothing else: the batch's answer stands and the
 * messages come back after the visibility timeout; it is logged once.
 */
@Singleton
final class TransientRedelivery implements AutoCloseable {

    /** SQS's ceiling on a visibility timeout. */
    static final Duration SQS_MAX_VISIBILITY = Duration.ofHours(12);
    private static final Logger LOG = LoggerFactory.getLogger(TransientRedelivery.class);
    /** SQS changes at most ten messages per call: one call per batch of the event source mapping. */
    private static final int PER_CALL = 10;

    private final String queueUrl;
    private final Duration base;
    private final Duration max;
    private final SqsClients.Lazy client;

    TransientRedelivery(@Value("${atomic.queue.url:}") String queueUrl,
                        @Value("${atomic.queue.endpoint:}") String endpoint,
                        @Value("${atomic.queue.sqs-timeout}") Duration timeout,
                        @Value("${atomic.queue.transient-delay}") Duration base,
                        @Value("${atomic.queue.transient-max-delay}") Duration max) {
        this.queueUrl = queueUrl;
        this.client = new SqsClients.Lazy(endpoint, timeout);
        this.base = base;
        this.max = max.compareTo(SQS_MAX_VISIBILITY) > 0 ? SQS_MAX_VISIBILITY : max;
    }

    /** @return whether failed messages are held back (a queue is configured) */
    boolean configured() {
        return !queueUrl.isBlank();
    }

    /** @return how long a message that failed transiently on this receive stays invisible, in seconds */
    int delaySeconds(SQSEvent.SQSMessage message) {
        return delaySeconds(receives(message), base, max);
    }

    static int delaySeconds(int receives, Duration base, Duration max) {
        // 2^30 s is far past any cap: no overflow, whatever the receive count.
        long seconds = base.toSeconds() << Math.min(Math.max(receives, 1) - 1, 30);
        return (int) Math.min(seconds, max.toSeconds());
    }

    /** Hides each message for its delay. Never throws: a failure is logged, once, and changes nothing else. */
    void holdBack(List<SQSEvent.SQSMessage> messages) {
        if (messages.isEmpty() || !configured()) {
            return;
        }
        List<String> failed = new ArrayList<>();
        String reason = null;
        for (int from = 0; from < messages.size(); from += PER_CALL) {
            List<SQSEvent.SQSMessage> chunk = messages.subList(from, Math.min(from + PER_CALL, messages.size()));
            try {
                ChangeMessageVisibilityBatchResponse response = client.get().changeMessageVisibilityBatch(b -> b
                    .queueUrl(queueUrl).entries(entries(chunk)));
                response.failed().forEach(f -> failed.add(chunk.get(Integer.parseInt(f.id())).getMessageId()));
                if (reason == null && !response.failed().isEmpty()) {
                    reason = response.failed().getFirst().code();
                }
            } catch (RuntimeException e) {
                chunk.forEach(m -> failed.add(m.getMessageId()));
                reason = reason == null ? e.getClass().getSimpleName() : reason;
            }
        }
        if (!failed.isEmpty()) {
            LOG.atWarn().addKeyValue("messageIds", failed).addKeyValue("reason", reason)
                .log("could not delay the redelivery of {} messages: they come back after the queue's visibility "
                    + "timeout", failed.size());
        }
    }

    private List<ChangeMessageVisibilityBatchRequestEntry> entries(List<SQSEvent.SQSMessage> chunk) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(String.valueOf(i))
                .receiptHandle(chunk.get(i).getReceiptHandle()).visibilityTimeout(delaySeconds(chunk.get(i)))
                .build());
        }
        return entries;
    }

    private static int receives(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = message.getAttributes();
        String count = attributes == null ? null : attributes.get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }


    @PreDestroy
    @Override
    public void close() {
        client.close();
    }
}
