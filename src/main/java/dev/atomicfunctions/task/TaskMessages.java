package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import dev.atomicfunctions.platform.messaging.Payloads;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Set;

/** {@code task.create} v1 through the queue: the payload is the body of {@code POST /tasks}, with its rules. */
@Singleton
class TaskMessages implements MessageHandler {

    private final Tasks tasks;
    private final Payloads payloads;

    TaskMessages(Tasks tasks, Payloads payloads) {
        this.tasks = tasks;
        this.payloads = payloads;
    }

    @Override
    public Set<String> types() {
        return Set.of("task.create");
    }

    /** Runs in the consumer's transaction ({@code types()} and {@code versions()} are read outside any). */
    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void handle(Invocation invocation, String type, int version, String payload) {
        payloads.requireSubject(invocation);
        tasks.create(invocation, payloads.read(payload, NewTask.class), null);
    }
}
