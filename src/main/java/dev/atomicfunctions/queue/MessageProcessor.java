package dev.atomicfunctions.queue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.logging.LogFields;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import dev.atomicfunctions.platform.transaction.EntryPoint;
import dev.atomicfunctions.platform.transaction.ReadCommitted;
import dev.atomicfunctions.platform.transaction.RetryTransaction;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The entry point of one message: its own transaction, holding its effect and its de-duplication record together
 * (through the one idempotency mechanism, keyed by the command's id or the SQS message id), so that a redelivered
 * message is acknowledged with no second effect. The queue handler delegates here because AOP on a
 * {@code MicronautRequestHandler} subclass is ignored.
 */
@EntryPoint
@Singleton
class MessageProcessor {

    /** Events carry no subject: they act as the system. */
    static final String SYSTEM_SUBJECT = Invocation.systemSubject("queue");
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final EnvelopeReader envelopes;
    private final IdempotencyKeys idempotency;
    private final Map<String, MessageHandler> handlers = new HashMap<>();

    MessageProcessor(EnvelopeReader envelopes, IdempotencyKeys idempotency, List<MessageHandler> handlers) {
        this.envelopes = envelopes;
        this.idempotency = idempotency;
        handlers.forEach(handler -> handler.types().forEach(type -> this.handlers.put(type, handler)));
    }

    /** @return whether the message had an effect now (false: a redelivery, acknowledged without one) */
    @Transactional
    @ReadCommitted
    @RetryTransaction
    boolean process(SQSEvent.SQSMessage message) {
        Envelope envelope = envelopes.read(message.getBody());
        MessageHandler handler = handlers.get(envelope.type());
        if (handler == null || !handler.versions().contains(envelope.version())) {
            throw new UnknownMessageException(envelope.type(), envelope.version());
        }
        Invocation invocation = invocation(message, envelope);
        LogFields.put(invocation);
        return !idempotency.once(invocation, envelope.deduplication(message.getMessageId()), Boolean.class, () -> {
            handler.handle(invocation, envelope.type(), envelope.version(), envelope.payload());
            return Boolean.TRUE;
        }).replayed();
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
