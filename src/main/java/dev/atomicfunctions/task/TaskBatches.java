package dev.atomicfunctions.task;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import java.util.function.Function;

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
    private static final String OPERATION = "task.create-batch";
    // The name before operations were named as commands: see IdempotentRequest.formerly.
    private static final String FORMERLY = "POST /tasks/batch";

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
     * @param answerType the caller's answer, stored with the idempotency key
     * @param answer     how the caller says what became of each item: a retry with the key replays it as first given
     * @return the answer; with an idempotency key, a retry of the same request answers as the first one did and
     *     writes nothing
     * @throws TaskBatchRejectedException when {@code atomic} and an item failed: the caller's transaction must roll
     *     back (it does, as the exception leaves the entry point)
     */
    <R> Outcome<R> create(Invocation invocation, List<JsonNode> items, boolean atomic,
                          @Nullable String idempotencyKey, Class<R> answerType,
                          Function<List<TaskBatchItem>, R> answer) {
        List<NewTask> tasks = new ArrayList<>(items.size());
        Map<Integer, TaskBatchItem.Failure> unreadable = new LinkedHashMap<>();
        for (int index = 0; index < items.size(); index++) {
            NewTask task = readable(items.get(index), index, unreadable);
            tasks.add(task == null ? null : task.understood());
        }
        Understood understood = new Understood(atomic, tasks, unreadable.isEmpty() ? null
            : unreadable.keySet().stream().map(index -> String.valueOf(items.get(index))).toList());
        return idempotency.once(invocation, new IdempotentRequest(OPERATION, idempotencyKey, understood, FORMERLY),
            answerType, () -> answer.apply(createEach(invocation, understood, unreadable)));
    }

    /**
     * Reads an item as the body of {@code POST /tasks} is read: strictly, by the same readers.
     *
     * @return the item, or null when it is no valid task, its problem then put in {@code unreadable}
     */
    private @Nullable NewTask readable(@Nullable JsonNode item, int index,
                                       Map<Integer, TaskBatchItem.Failure> unreadable) {
        if (item == null || !item.isObject()) {
            unreadable.put(index, new TaskBatchItem.Unreadable(null));
            return null;
        }
        try {
            return json.readValueFromTree(item, NewTask.class);
        } catch (IOException | RuntimeException refused) {
            unreadable.put(index, new TaskBatchItem.Unreadable(refused));
            return null;
        }
    }

    private List<TaskBatchItem> createEach(Invocation invocation, Understood request,
                                           Map<Integer, TaskBatchItem.Failure> unreadable) {
        List<TaskBatchItem> results = new ArrayList<>(request.items().size());
        for (int index = 0; index < request.items().size(); index++) {
            results.add(unreadable.containsKey(index)
                ? TaskBatchItem.failed(index, unreadable.get(index))
                : createOne(invocation, index, request.items().get(index)));
        }
        List<TaskBatchItem> failures = results.stream().filter(item -> item.failure() != null).toList();
        int created = results.size() - failures.size();
        LOG.atInfo().addKeyValue("items", results.size()).addKeyValue("created", created)
            .addKeyValue("failed", failures.size()).addKeyValue("atomic", request.atomic())
            .log("task batch: {} created, {} failed", created, failures.size());
        if (request.atomic() && !failures.isEmpty()) {
            throw new TaskBatchRejectedException(failures);
        }
        return results;
    }

    private TaskBatchItem createOne(Invocation invocation, int index, NewTask item) {
        Set<ConstraintViolation<NewTask>> violations = validator.validate(item);
        if (!violations.isEmpty()) {
            return TaskBatchItem.failed(index, new TaskBatchItem.Invalid(violations));
        }
        try {
            TaskView task = savepoints.attempt(() -> tasks.insert(invocation, item));
            return TaskBatchItem.created(index, task.id());
        } catch (DomainException refused) {
            if (refused.kind().isTransient()) {
                throw refused; // not the item's fault: the whole request may succeed later
            }
            return TaskBatchItem.failed(index, new TaskBatchItem.Refused(refused));
        } catch (ConstraintViolationException invalid) {
            return TaskBatchItem.failed(index, new TaskBatchItem.Invalid(invalid.getConstraintViolations()));
        } catch (RuntimeException failure) {
            Optional<String> refusal = DataRefusals.sqlState(failure);
            if (refusal.isEmpty()) {
                throw failure;
            }
            // Valid by our rules, refused by the database's: worth a look, so WARN (the caller gets no SQL text).
            LOG.atWarn().addKeyValue("index", index).addKeyValue("sqlState", refusal.get())
                .log("task batch item refused by the database: {}", failure.getClass().getSimpleName());
            return TaskBatchItem.failed(index, new TaskBatchItem.Refused(new TaskRefusedByDatabaseException(failure)));
        }
    }
}
