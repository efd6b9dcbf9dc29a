package dev.atomicfunctions.queue;

import dev.atomicfunctions.support.Messages;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;

import java.util.Map;

/**
 * Prints the fingerprint of a message fixture's de-duplication record, computed as the consumer computes it (the
 * functions' own JSON mapper, from an application context like theirs). {@link MessageFingerprintTest} runs it in
 * JVMs of their own: what differs between two Lambda environments is the JVM.
 */
final class MessageFingerprint {

    private MessageFingerprint() {
    }

    /** @param args the fixture under {@code src/test/resources/messages} and the SQS message id */
    public static void main(String[] args) {
        System.out.println(of(Messages.body(args[0], Map.of()), args[1]));
    }

    static String of(String body, String messageId) {
        try (ApplicationContext context = ApplicationContext.run()) {
            JsonMapper json = context.getBean(JsonMapper.class);
            Envelope envelope = new EnvelopeReader(json).read(body);
            return envelope.deduplication(messageId).fingerprint(json);
        }
    }
}
