package dev.atomicfunctions.queue;

import dev.atomicfunctions.idempotency.IdempotentRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What every message on the queue carries around its payload. Commands come from the stack's own producers only
 * (IAM grants {@code sqs:SendMessage} on the queue to the stack's publishing functions alone, and the VPC endpoint's
 * policy lets nothing else through), so the subject they name is trusted as the actor.
 *
 * @param type          for example {@code task.create}, {@code order.place}, {@code order.cancel}, {@code order.placed}
 * @param version       the payload's shape
 * @param id            the command's or event's own id: the de-duplication key (the SQS message id if absent)
 * @param subject       who acts (commands); events act as the system
 * @param correlationId the correlation id to carry on (optional)
 * @param payload       the payload, as JSON
 */
@Serdeable
record Envelope(String type, int version, @Nullable String id, @Nullable String subject,
                @Nullable String correlationId, String payload) {

    /**
     * What the message's de-duplication record is keyed by and fingerprinted from: the command's or event's id
     * (else the SQS message id), and the message as understood. A redelivery to another Lambda environment must
     * produce the same fingerprint, or it would be refused as another message reusing the id.
     */
    IdempotentRequest deduplication(String messageId) {
        return new IdempotentRequest("queue " + type, id != null ? id : messageId, new Understood(version, payload));
    }

    /**
     * A message as understood, fingerprinted: a record, whose JSON has its declaration's order in every JVM (a
     * {@code Map.of} iterates in an order of each JVM's own). This order, {@code version} then {@code payload}, is
     * one of the two a {@code Map.of} of them had: half the records stored before it still match.
     */
    @Serdeable
    record Understood(int version, String payload) {
    }
}
