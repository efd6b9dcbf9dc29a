package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import dev.atomicfunctions.platform.messaging.Payloads;
import jakarta.inject.Singleton;

import java.util.Set;

/** {@code task.create} v1 through the queue: the payload is the body of {@code POST /tasks}, with its rules. */
@Singleton
class TaskMessages implements MessageHandler {

    private final TaskCommands commands;
    private final Payloads payloads;

    TaskMessages(TaskCommands commands, Payloads payloads) {
        this.commands = commands;
        this.payloads = payloads;
    }

    @Override
    public Set<String> types() {
        return Set.of("task.create");
    }

    @Override
    public void handle(Invocation invocation, String type, int version, String payload) {
        payloads.requireSubject(invocation);
        commands.create(invocation, payloads.read(payload, NewTask.class), null);
    }
}
