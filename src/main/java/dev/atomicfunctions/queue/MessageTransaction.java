package dev.atomicfunctions.queue;

import dev.atomicfunctions.audit.AttemptTarget;
import dev.atomicfunctions.audit.AuditFailedAttempts;
import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.outbox.RelayAfterCommit;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import dev.atomicfunctions.platform.transaction.Command;
import dev.atomicfunctions.platform.transaction.EntryPoint;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

/**
 * The entry point of one message, with the write policy of the same command through HTTP: its own transaction,
 * holding its effect and its de-duplication record together (through the one idempotency mechanism, keyed by the
 * command's id or the SQS message id), so that a redelivered message is acknowledged with no second effect; retried
 * on contention or a lost connection, a lost COMMIT resolved by asking the database; a failed attempt audited where
 * its handler says so; its events relayed right after the commit.
 */
@EntryPoint
@Singleton
class MessageTransaction {

    private final IdempotencyKeys idempotency;

    MessageTransaction(IdempotencyKeys idempotency) {
        this.idempotency = idempotency;
    }

    /**
     * @param target    what a failed attempt is audited as, or null when the handler audits none
     * @param messageId the SQS message id, the de-duplication key of a message without an id of its own
     * @return whether the message had an effect now (false: a redelivery, acknowledged without one)
     */
    @Command
    @AuditFailedAttempts
    @RelayAfterCommit
    boolean apply(Invocation invocation, @Nullable AttemptTarget target, Envelope envelope, MessageHandler handler,
                  String messageId) {
        return !idempotency.once(invocation, envelope.deduplication(messageId), Boolean.class, () -> {
            handler.handle(invocation, envelope.type(), envelope.version(), envelope.payload());
            return Boolean.TRUE;
        }).replayed();
    }
}
