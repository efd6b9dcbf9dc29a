package dev.atomicfunctions.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.logging.LogFields;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consumes a batch with partial batch responses: each message commits on its own ({@link MessageProcessor}), and
 * only the messages that failed are reported back to be redelivered.
 * <ul>
 *   <li>A FIFO message group stops at its first failure: that message and every later one of the group are
 *   reported failed (so SQS redelivers them in order); other groups go on.</li>
 *   <li>A failure that is not the message's fault (the database unavailable) fails the rest of the batch unread,
 *   rather than burning each message's receive count on an outage.</li>
 * </ul>
 * Each failure is logged once, with the message id, its receive count and the reason, never the body.
 */
@Singleton
final class BatchConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(BatchConsumer.class);

    private final MessageProcessor processor;

    BatchConsumer(MessageProcessor processor) {
        this.processor = processor;
    }

    SQSBatchResponse consume(List<SQSEvent.SQSMessage> messages) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> stoppedGroups = new HashSet<>();
        String outage = null;
        for (SQSEvent.SQSMessage message : messages) {
            String group = attribute(message, "MessageGroupId");
            String reason = outage != null ? "not attempted: " + outage
                : group != null && stoppedGroups.contains(group) ? "not attempted: an earlier message of its group failed"
                : attempt(message);
            if (reason == null) {
                continue;
            }
            failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            if (group != null) {
                stoppedGroups.add(group);
            }
            if (outage == null && reason.startsWith("transient")) {
                outage = reason;
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** @return null when the message was handled (or was a redelivery), else why it failed */
    private String attempt(SQSEvent.SQSMessage message) {
        try {
            boolean effect = processor.process(message);
            LOG.atInfo().addKeyValue("messageId", message.getMessageId())
                .log(effect ? "message handled" : "message already handled: acknowledged without a second effect");
            return null;
        } catch (RuntimeException failure) {
            String reason = (isTransient(failure) ? "transient " : "") + describe(failure);
            LOG.atWarn().addKeyValue("messageId", message.getMessageId())
                .addKeyValue("receiveCount", attribute(message, "ApproximateReceiveCount"))
                .addKeyValue("reason", reason)
                .log("message failed: {}", reason);
            return reason;
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
            if (t instanceof CannotGetJdbcConnectionException || t instanceof ConnectionException
                || t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
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
