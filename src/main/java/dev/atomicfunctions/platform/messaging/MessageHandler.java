package dev.atomicfunctions.platform.messaging;

import dev.atomicfunctions.platform.invocation.Invocation;

import java.util.Set;

/**
 * What a feature does with a message from the queue: a command ({@code task.create}, {@code order.place}, ...) or
 * an event it reacts to ({@code order.placed}). An implementation is an adapter, outside every transaction: it reads
 * the payload (refusing a bad one with a domain exception, never by returning) and runs one command, the same as any
 * other transport would; the command's transaction also holds the message's de-duplication record. The consumer finds
 * handlers by type and version; it knows no feature.
 */
public interface MessageHandler {

    /** @return the message types handled, for example {@code task.create} */
    Set<String> types();

    /** @return the payload versions understood; any other fails the message. Version 1 unless a handler says more. */
    default Set<Integer> versions() {
        return Set.of(1);
    }

    /**
     * @param invocation who acts: the command's subject, or a system principal for events
     * @param type       one of {@link #types()}
     * @param version    one of {@link #versions()}
     * @param payload    the payload's JSON
     */
    void handle(Invocation invocation, String type, int version, String payload);
}
