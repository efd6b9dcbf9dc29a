package dev.atomicfunctions.queue;

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
}
