package dev.atomicfunctions.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.audit.AttemptTarget;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.logging.LogFields;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One message, from its body to its entry point ({@link MessageTransaction}): the envelope read strictly, the handler
 * found by type and version, the {@code Invocation} built from the message. The queue handler delegates here because
 * AOP on a {@code MicronautRequestHandler} subclass is ignored.
 */
@Singleton
class MessageProcessor {

    /** Events carry no subject: they act as the system. */
    static final String SYSTEM_SUBJECT = Invocation.systemSubject("queue");
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final EnvelopeReader envelopes;
    private final MessageTransaction transaction;
    private final Map<String, MessageHandler> handlers = new HashMap<>();

    MessageProcessor(EnvelopeReader envelopes, MessageTransaction transaction, List<MessageHandler> handlers) {
        this.envelopes = envelopes;
        this.transaction = transaction;
        handlers.forEach(handler -> handler.types().forEach(type -> this.handlers.put(type, handler)));
    }

    /**
     * Reads the message and finds its handler (a message no handler reads fails here, with no transaction), then
     * applies it in its own ({@link MessageTransaction}).
     *
     * @return whether the message had an effect now (false: a redelivery, acknowledged without one)
     */
    boolean process(SQSEvent.SQSMessage message) {
        Envelope envelope = envelopes.read(message.getBody());
        MessageHandler handler = handlers.get(envelope.type());
        if (handler == null || !handler.versions().contains(envelope.version())) {
            throw new UnknownMessageException(envelope.type(), envelope.version());
        }
        Invocation invocation = invocation(message, envelope);
        LogFields.put(invocation);
        return transaction.apply(invocation, handler.auditsFailedAttempts() ? target(envelope) : null, envelope,
            handler, message.getMessageId());
    }

    /** {@code order.place} is an attempt to {@code place} an {@code order}; which one, its payload may not say. */
    private static AttemptTarget target(Envelope envelope) {
        int dot = envelope.type().indexOf('.');
        return new AttemptTarget(envelope.type().substring(0, dot), envelope.type().substring(dot + 1), "");
    }

    private static Invocation invocation(SQSEvent.SQSMessage message, Envelope envelope) {
        String subject = envelope.subject() == null || envelope.subject().isBlank()
            || envelope.subject().startsWith(Invocation.SYSTEM_PREFIX) ? SYSTEM_SUBJECT : envelope.subject();
        String correlationId = envelope.correlationId() != null
            && CORRELATION_ID.matcher(envelope.correlationId()).matches()
            ? envelope.correlationId() : message.getMessageId();
        return new Invocation(subject, Invocation.Origin.QUEUE, message.getMessageId(), correlationId,
            MDC.get(LogFields.LAMBDA_REQUEST_ID), Set.of(), Set.of());
    }
}
