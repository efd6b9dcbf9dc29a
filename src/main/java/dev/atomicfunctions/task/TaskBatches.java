package dev.atomicfunctions.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atomicfunctions.http.problem.Problem;
import dev.atomicfunctions.http.problem.Problems;
import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.idempotency.IdempotentRequest;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.database.DataRefusals;
import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.transaction.Savepoints;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Creates many tasks in the caller's transaction, each item (its task and its audit row) in a savepoint of its own:
 * an item that is invalid, refused by a domain rule or refused by the database for its data (SQLState class 22 or
 * 23) fails alone and leaves nothing behind, the others stay. Any other failure (a lost connection, a serialization
 * failure, a deadlock, a bug) is not the item's: it propagates and the whole transaction rolls back. With
 * {@code atomic}, one failed item rolls back the whole batch too.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
class TaskBatches {

    private static final Logger LOG = LoggerFactory.getLogger(TaskBatches.class);
    private static final String OPERATION = "POST /tasks/batch";

    private final Tasks tasks;
    private final Savepoints savepoints;
    private final Validator validator;
    private final IdempotencyKeys idempotency;
    private final JsonMapper json;

    TaskBatches(Tasks tasks, Savepoints savepoints, Validator validator, IdempotencyKeys idempotency,
                JsonMapper json) {
        this.tasks = tasks;
        this.savepoints = savepoints;
        this.validator = validator;
        this.idempotency = idempotency;
        this.json = json;
    }

    /**
     * The request as understood, fingerprinted by the idempotency key: the items as they would be stored (null for
     * one that is no valid task, whose JSON is then in {@code unreadable}, in order), and whether they were asked for
     * all or nothing (the same items asked atomically are another request).
     */
    @Serdeable
    record Understood(boolean atomic, List<NewTask> items,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> unreadable) {
    }

    /**
     * @return one result per item; with an idempotency key, a retry of the same request answers as the first one
     *     did and writes nothing
     * @throws TaskBatchRejectedException when {@code atomic} and an item failed: the caller's transaction must roll
     *     back (it does, as the exception leaves the entry point)
     */
    Outcome<TaskBatchResult> create(Invocation invocation, List<JsonNode> items, boolean atomic,
                                    @Nullable String idempotencyKey) {
        List<NewTask> tasks = new ArrayList<>(items.size());
        Map<Integer, Problem> unreadable = new LinkedHashMap<>();
        for (int index = 0; index < items.size(); index++) {
            NewTask task = readable(items.get(index), index, unreadable);
            tasks.add(task == null ? null : task.understood());
        }
        Understood understood = new Understood(atomic, tasks, unreadable.isEmpty() ? null
            : unreadable.keySet().stream().map(index -> String.valueOf(items.get(index))).toList());
        return idempotency.once(invocation, new IdempotentRequest(OPERATION, idempotencyKey, understood),
            TaskBatchResult.class, () -> createEach(invocation, understood, unreadable));
    }

    /**
     * Reads an item as the body of {@code POST /tasks} is read: strictly, by the same readers.
     *
     * @return the item, or null when it is no valid task, its problem then put in {@code unreadable}
     */
    private @Nullable NewTask readable(@Nullable JsonNode item, int index, Map<Integer, Problem> unreadable) {
        if (item == null || !item.isObject()) {
            unreadable.put(index, Problems.unreadable(null));
            return null;
        }
        try {
            return json.readValueFromTree(item, NewTask.class);
        } catch (IOException | RuntimeException refused) {
            unreadable.put(index, Problems.unreadable(refused));
            return null;
        }
    }

    private TaskBatchResult createEach(Invocation invocation, Understood request, Map<Integer, Problem> unreadable) {
        List<TaskBatchResult.ItemResult> results = new ArrayList<>(request.items().size());
        for (int index = 0; index < request.items().size(); index++) {
            results.add(unreadable.containsKey(index)
                ? TaskBatchResult.ItemResult.failed(index, unreadable.get(index))
                : createOne(invocation, index, request.items().get(index)));
        }
        TaskBatchResult result = TaskBatchResult.of(results);
        LOG.atInfo().addKeyValue("items", results.size()).addKeyValue("created", result.created())
            .addKeyValue("failed", result.failed()).addKeyValue("atomic", request.atomic())
            .log("task batch: {} created, {} failed", result.created(), result.failed());
        if (request.atomic() && result.failed() > 0) {
            throw new TaskBatchRejectedException(result.failures());
        }
        return result;
    }

    private TaskBatchResult.ItemResult createOne(Invocation invocation, int index, NewTask item) {
        Set<ConstraintViolation<NewTask>> violations = validator.validate(item);
        if (!violations.isEmpty()) {
            return TaskBatchResult.ItemResult.failed(index, Problems.invalid(violations));
        }
        try {
            TaskView task = savepoints.attempt(() -> tasks.insert(invocation, item));
            return TaskBatchResult.ItemResult.created(index, task.id());
        } catch (DomainException refused) {
            if (refused.kind().isTransient()) {
                throw refused; // not the item's fault: the whole request may succeed later
            }
            return TaskBatchResult.ItemResult.failed(index, Problems.of(refused));
        } catch (ConstraintViolationException invalid) {
            return TaskBatchResult.ItemResult.failed(index, Problems.invalid(invalid.getConstraintViolations()));
        } catch (RuntimeException failure) {
            Optional<String> refusal = DataRefusals.sqlState(failure);
            if (refusal.isEmpty()) {
                throw failure;
            }
            // Valid by our rules, refused by the database's: worth a look, so WARN (the caller gets no SQL text).
            LOG.atWarn().addKeyValue("index", index).addKeyValue("sqlState", refusal.get())
                .log("task batch item refused by the database: {}", failure.getClass().getSimpleName());
            return TaskBatchResult.ItemResult.failed(index, Problems.of(new TaskRefusedByDatabaseException(failure)));
        }
    }
}
