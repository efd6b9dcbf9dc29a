package dev.atomicfunctions.task;

import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.idempotency.IdempotentRequest;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.database.DatabaseEngine;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.transaction.Savepoints;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Creates many tasks, in the caller's transaction, two ways ({@link TaskBatchRun} chooses):
 * <ul>
 *   <li>all in one transaction ({@link #create}), each item (its task and its audit row) in a savepoint of its own:
 *   an item that is invalid, refused by a domain rule or refused by the database for its data (SQLState class 22 or
 *   23) fails alone and leaves nothing behind, the others stay. Any other failure (a lost connection, a
 *   serialization failure, a deadlock, a bug) is not the item's: it propagates and the whole transaction rolls
 *   back. With {@code atomic}, one failed item rolls back the whole batch too (on DSQL, without savepoints, the
 *   first failed item does, and the items after it are not tried);</li>
 *   <li>on an engine without savepoints (DSQL), each item in a transaction of its own ({@link #createItem}), with
 *   an idempotency record of its own, and the batch's answer recorded last ({@link #answer}): a retry with the same
 *   key replays the items already created and the answer already given.</li>
 * </ul>
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
class TaskBatches {

    private static final String OPERATION = "task.create-batch";
    // The name before operations were named as commands: see IdempotentRequest.formerly.
    private static final String FORMERLY = "POST /tasks/batch";
    /** Followed by the item's index: an item's own key is the batch's. */
    private static final String ITEM_OPERATION = "task.create-batch-item ";

    private final Tasks tasks;
    private final Savepoints savepoints;
    private final Validator validator;
    private final IdempotencyKeys idempotency;
    private final DatabaseEngine engine;

    TaskBatches(Tasks tasks, Savepoints savepoints, Validator validator, IdempotencyKeys idempotency,
                DatabaseEngine engine) {
        this.tasks = tasks;
        this.savepoints = savepoints;
        this.validator = validator;
        this.idempotency = idempotency;
        this.engine = engine;
    }

    /**
     * @param answerType the caller's answer, stored with the idempotency key
     * @param answer     how the caller says what became of each item: a retry with the key replays it as first given
     * @return the answer; with an idempotency key, a retry of the same request answers as the first one did and
     *     writes nothing
     * @throws TaskBatchRejectedException when {@code atomic} and an item failed: the caller's transaction must roll
     *     back (it does, as the exception leaves the entry point)
     */
    <R> Outcome<R> create(Invocation invocation, TaskBatchRequest request, @Nullable String idempotencyKey,
                          Class<R> answerType, Function<List<TaskBatchItem>, R> answer) {
        if (!request.atomic() && !engine.hasSavepoints()) {
            throw new IllegalStateException("a batch that is not all or nothing needs savepoints on " + engine
                + ": TaskBatchRun runs it item by item");
        }
        return answer(invocation, request, idempotencyKey, answerType,
            () -> answer.apply(request.concluded(createEach(invocation, request))));
    }

    /**
     * Creates one item in the caller's transaction, which holds nothing else: a failure rolls it back alone.
     *
     * @return the task; with an idempotency key, a retry replays the one created first
     */
    TaskView createItem(Invocation invocation, TaskBatchRequest request, int index, @Nullable String idempotencyKey) {
        NewTask item = request.item(index);
        return idempotency.once(invocation, new IdempotentRequest(ITEM_OPERATION + index, idempotencyKey, item, null),
            TaskView.class, () -> tasks.insert(invocation, item)).answer();
    }

    /** @return the batch's answer: given by {@code answer}, or the one stored with the key */
    <R> Outcome<R> answer(Invocation invocation, TaskBatchRequest request, @Nullable String idempotencyKey,
                          Class<R> answerType, Supplier<R> answer) {
        return idempotency.once(invocation,
            new IdempotentRequest(OPERATION, idempotencyKey, request.understood(), FORMERLY), answerType, answer);
    }

    private List<TaskBatchItem> createEach(Invocation invocation, TaskBatchRequest request) {
        List<TaskBatchItem> results = new ArrayList<>(request.size());
        for (int index = 0; index < request.size(); index++) {
            Optional<TaskBatchItem.Failure> before = request.failureBeforeWriting(index, validator);
            TaskBatchItem result = before.isPresent() ? TaskBatchItem.failed(index, before.get())
                : createOne(invocation, index, request.item(index));
            results.add(result);
            if (result.failure() != null && !engine.hasSavepoints()) {
                // All or nothing without savepoints (DSQL): the first failure rejects the batch, and a refusal by
                // the database has ended the transaction; the items after it are not tried.
                break;
            }
        }
        return results;
    }

    private TaskBatchItem createOne(Invocation invocation, int index, NewTask item) {
        try {
            TaskView task = engine.hasSavepoints() ? savepoints.attempt(() -> tasks.insert(invocation, item))
                : tasks.insert(invocation, item);
            return TaskBatchItem.created(index, task.id());
        } catch (RuntimeException failure) {
            return TaskBatchRequest.failedOrRethrow(index, failure);
        }
    }
}
