package dev.atomicfunctions.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.invocation.Deadline;
import dev.atomicfunctions.platform.logging.LogFields;
import dev.atomicfunctions.platform.transaction.TransientFailure;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes a batch with partial batch responses: each message commits on its own ({@link MessageProcessor}), and
 * only the messages that failed are reported back to be redelivered.
 * <ul>
 *   <li>A FIFO message group stops at its first failure: that message and every later one of the group are
 *   reported failed (so SQS redelivers them in order); other groups go on.</li>
 *   <li>A failure that is not the message's fault (the database unavailable) fails the rest of the batch unread,
 *   rather than burning each message's receive count on an outage.</li>
 *   <li>Messages failed for such a reason (and the later messages of their groups) come back after a delay that
 *   grows with their receive count ({@link TransientRedelivery}), so that an outage does not dead-letter them;
 *   a message failing for a reason of its own comes back after the queue's visibility timeout.</li>
 *   <li>No message is begun with less than the retry margin left before Lambda's deadline: the rest of the batch is
 *   reported failed unread (and redelivered), rather than the whole batch lost to a timeout.</li>
 * </ul>
 * Each failure is logged once, with the message id, its receive count and the reason, never the body.
 */
@Singleton
final class BatchConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);

    private final MessageProcessor processor;
    private final TransientRedelivery redelivery;
    private final long marginMillis;

    BatchConsumer(MessageProcessor processor, TransientRedelivery redelivery,
                  @Value("${atomic.retry.deadline-margin}") Duration margin) {
        this.processor = processor;
        this.redelivery = redelivery;
        this.marginMillis = margin.toMillis();
    }

    SQSBatchResponse consume(List<SQSEvent.SQSMessage> messages) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> heldBack = new ArrayList<>();
        // A stopped group, and whether what stopped it was transient: its later messages wait as long as it does.
        Map<String, Boolean> stoppedGroups = new HashMap<>();
        Failure outage = null;
        for (SQSEvent.SQSMessage message : messages) {
            String group = attribute(message, "MessageGroupId");
            Failure failure = outage != null ? new Failure("not attempted: " + outage.reason(), true)
                : Deadline.remainingMillis() < marginMillis
                ? new Failure("not attempted: the invocation's deadline is near", false)
                : group != null && stoppedGroups.containsKey(group)
                ? new Failure("not attempted: an earlier message of its group failed", stoppedGroups.get(group))
                : attempt(message);
            if (failure == null) {
                continue;
            }
            failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            if (failure.transientFailure()) {
                heldBack.add(message);
            }
            if (group != null) {
                stoppedGroups.putIfAbsent(group, failure.transientFailure());
            }
            if (outage == null && failure.transientFailure()) {
                outage = failure;
            }
        }
        redelivery.holdBack(heldBack);
        return new SQSBatchResponse(failures);
    }

    /** Why a message failed, and whether that may pass (then it comes back after a growing delay). */
    private record Failure(String reason, boolean transientFailure) {
    }

    /** @return null when the message was handled (or was a redelivery), else why it failed */
    private Failure attempt(SQSEvent.SQSMessage message) {
        try {
            boolean effect = processor.process(message);
            LOG.atInfo().addKeyValue("messageId", message.getMessageId())
                .log(effect ? "message handled" : "message already handled: acknowledged without a second effect");
            return null;
        } catch (RuntimeException failure) {
            boolean transientFailure = isTransient(failure);
            String reason = (transientFailure ? "transient " : "") + describe(failure);
            var log = LOG.atWarn().addKeyValue("messageId", message.getMessageId())
                .addKeyValue("receiveCount", attribute(message, "ApproximateReceiveCount"))
                .addKeyValue("reason", reason);
            if (transientFailure && redelivery.configured()) {
                log = log.addKeyValue("redeliveryDelaySeconds", redelivery.delaySeconds(message));
            }
            log.log("message failed: {}", reason);
            return new Failure(reason, transientFailure);
        } finally {
            LogFields.clear();
        }
    }

    /** Not the message's fault: the same message may well succeed once the outage is over. */
    private static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DomainException domain) {
                return domain.kind().isTransient();
            }
        }
        return TransientFailure.connectionLost(failure);
    }

    private static String describe(Throwable failure) {
        return failure instanceof DomainException domain
            ? domain.type().substring(domain.type().lastIndexOf(':') + 1) + ": " + domain.getMessage()
            : "unexpected " + failure.getClass().getSimpleName();
    }

    private static String attribute(SQSEvent.SQSMessage message, String name) {
        Map<String, String> attributes = message.getAttributes();
        return attributes == null ? null : attributes.get(name);
    }
}
