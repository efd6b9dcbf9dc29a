package dev.atomicfunctions.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.idempotency.Deliveries;
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
 * One message, from its body to its handler: the envelope read strictly, the handler found by type and version, the
 * {@code Invocation} built from the message, and the message's de-duplication record bound around the handler, which
 * the command it runs writes in its own transaction ({@link Deliveries}). The queue handler delegates here because
 * AOP on a {@code MicronautRequestHandler} subclass is ignored.
 */
@Singleton
class MessageProcessor {

    /** Events carry no subject: they act as the system. */
    static final String SYSTEM_SUBJECT = Invocation.systemSubject("queue");
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final EnvelopeReader envelopes;
    private final Map<String, MessageHandler> handlers = new HashMap<>();

    MessageProcessor(EnvelopeReader envelopes, List<MessageHandler> handlers) {
        this.envelopes = envelopes;
        handlers.forEach(handler -> handler.types().forEach(type -> this.handlers.put(type, handler)));
    }

    /**
     * Reads the message and finds its handler (a message no handler reads fails here, with no transaction), then
     * runs it: the handler runs one command, which begins and ends the message's transaction.
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
        return Deliveries.once(invocation, envelope.deduplication(message.getMessageId()),
            () -> handler.handle(invocation, envelope.type(), envelope.version(), envelope.payload()));
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
