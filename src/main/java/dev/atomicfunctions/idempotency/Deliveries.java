package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.platform.invocation.Invocation;

/**
 * Exactly once per message, whatever command its handler runs: the queue's driver binds the message's
 * de-duplication record around its handler, and the command the handler runs writes that record in its own
 * transaction, with its effect ({@link DeliveredOnceInterceptor}). A redelivered message finds the record, and its
 * command runs nothing. One message runs one command (one transaction): a second is refused. The record is the
 * message's, owned by the message's invocation, whoever the command acts as.
 */
public final class Deliveries {

    private static final ThreadLocal<Delivery> CURRENT = new ThreadLocal<>();

    private Deliveries() {
    }

    /**
     * @param invocation    the message's invocation, which owns its de-duplication record
     * @param deduplication the message's de-duplication key and request as understood
     * @param handler       the message's handler, which runs one command
     * @return whether the message had its effect now (false: a redelivery, acknowledged without one)
     */
    public static boolean once(Invocation invocation, IdempotentRequest deduplication, Runnable handler) {
        Delivery delivery = new Delivery(invocation, deduplication);
        CURRENT.set(delivery);
        try {
            handler.run();
        } finally {
            CURRENT.remove();
        }
        return !delivery.replayed;
    }

    /** @return the delivery of the message being handled on this thread, or null outside a message's handler */
    static Delivery current() {
        return CURRENT.get();
    }

    /** A message being handled: its record, the command that writes it, and whether it was there already. */
    static final class Delivery {

        final Invocation invocation;
        final IdempotentRequest deduplication;
        private Object command;
        private boolean replayed;

        private Delivery(Invocation invocation, IdempotentRequest deduplication) {
            this.invocation = invocation;
            this.deduplication = deduplication;
        }

        /** The command's attempts (each retry runs it again) all write the record; another command may not. */
        void runBy(Object command) {
            if (this.command != null && !this.command.equals(command)) {
                throw new IllegalStateException("a message runs one command, in one transaction: " + this.command
                    + " ran already, " + command + " may not");
            }
            this.command = command;
        }

        void replayed(boolean replayed) {
            this.replayed = replayed;
        }
    }
}
