package dev.atomicfunctions.task;

import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.database.DatabaseEngine;
import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drives a task batch, from outside every transaction: one command, {@link TaskCommands#createBatch}, where the
 * engine has savepoints or all or nothing is asked; otherwise (DSQL) one command per item and one for the answer,
 * so that an item the database refuses rolls back alone, as a savepoint would have.
 */
@Singleton
public class TaskBatchRun {

    private final TaskCommands commands;
    private final DatabaseEngine engine;
    private final JsonMapper json;
    private final Validator validator;

    TaskBatchRun(TaskCommands commands, DatabaseEngine engine, JsonMapper json, Validator validator) {
        this.commands = commands;
        this.engine = engine;
        this.json = json;
        this.validator = validator;
    }

    /** @see TaskBatches#create */
    public <R> Outcome<R> create(Invocation invocation, List<JsonNode> items, boolean atomic,
                                 @Nullable String idempotencyKey, Class<R> answerType,
                                 Function<List<TaskBatchItem>, R> answer) {
        TaskBatchRequest request = TaskBatchRequest.read(items, atomic, json);
        if (atomic || engine.hasSavepoints()) {
            return commands.createBatch(invocation, request, idempotencyKey, answerType, answer);
        }
        List<TaskBatchItem> results = new ArrayList<>(request.size());
        for (int index = 0; index < request.size(); index++) {
            results.add(createAlone(invocation, request, index, idempotencyKey));
        }
        return commands.answerBatch(invocation, request, idempotencyKey, answerType,
            () -> answer.apply(request.concluded(results)));
    }

    private TaskBatchItem createAlone(Invocation invocation, TaskBatchRequest request, int index,
                                      @Nullable String idempotencyKey) {
        Optional<TaskBatchItem.Failure> before = request.failureBeforeWriting(index, validator);
        if (before.isPresent()) {
            return TaskBatchItem.failed(index, before.get());
        }
        try {
            return TaskBatchItem.created(index, commands.createBatchItem(invocation, request, index, idempotencyKey)
                .id());
        } catch (RuntimeException failure) {
            return TaskBatchRequest.failedOrRethrow(index, failure);
        }
    }
}
