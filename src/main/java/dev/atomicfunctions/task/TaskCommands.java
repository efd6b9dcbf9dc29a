package dev.atomicfunctions.task;

import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.transaction.Command;
import dev.atomicfunctions.platform.transaction.EntryPoint;
import dev.atomicfunctions.platform.version.Precondition;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tasks' commands, whatever transport asks for them (the HTTP adapter, the queue's handlers): each method begins
 * and ends its own transaction with the policy {@link Command} declares, and is called from outside every
 * transaction, never by a service or another command.
 */
@EntryPoint
@Singleton
public class TaskCommands {

    private final Tasks tasks;
    private final TaskBatches batches;

    TaskCommands(Tasks tasks, TaskBatches batches) {
        this.tasks = tasks;
        this.batches = batches;
    }

    @Command
    public Outcome<TaskView> create(Invocation invocation, NewTask task, @Nullable String idempotencyKey) {
        return tasks.create(invocation, task, idempotencyKey);
    }

    @Command
    public TaskView update(Invocation invocation, UUID id, TaskPatch patch, Precondition precondition) {
        return tasks.update(invocation, id, patch, precondition);
    }

    @Command
    public void delete(Invocation invocation, UUID id, Precondition precondition) {
        tasks.delete(invocation, id, precondition);
    }

    /** @see TaskBatches#create; run by {@link TaskBatchRun} */
    @Command
    public <R> Outcome<R> createBatch(Invocation invocation, TaskBatchRequest request,
                                      @Nullable String idempotencyKey, Class<R> answerType,
                                      Function<List<TaskBatchItem>, R> answer) {
        return batches.create(invocation, request, idempotencyKey, answerType, answer);
    }

    /** @see TaskBatches#createItem; run by {@link TaskBatchRun} */
    @Command
    public TaskView createBatchItem(Invocation invocation, TaskBatchRequest request, int index,
                                    @Nullable String idempotencyKey) {
        return batches.createItem(invocation, request, index, idempotencyKey);
    }

    /** @see TaskBatches#answer; run by {@link TaskBatchRun} */
    @Command
    public <R> Outcome<R> answerBatch(Invocation invocation, TaskBatchRequest request,
                                      @Nullable String idempotencyKey, Class<R> answerType, Supplier<R> answer) {
        return batches.answer(invocation, request, idempotencyKey, answerType, answer);
    }

    /** Gives the warehouse ({@code warehouse} acts) its task for a placed order: {@code Pick and pack order <id>}. */
    @Command
    public TaskView openFulfilment(Invocation warehouse, UUID orderId) {
        return tasks.insert(warehouse, new NewTask("Pick and pack order " + orderId, null), orderId);
    }

    /** @return whether the order's open fulfilment task was withdrawn (none, or one completed, is left as it is) */
    @Command
    public Boolean withdrawFulfilment(Invocation warehouse, UUID orderId) {
        return tasks.cancelFulfilment(warehouse, orderId);
    }
}
