package dev.atomicfunctions.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atomicfunctions.platform.database.DataRefusals;
import dev.atomicfunctions.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
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
 * A task batch as understood, before anything is written: each item read as the body of {@code POST /tasks} is read
 * (strictly, by the same readers), and what the idempotency key fingerprints.
 *
 * @param understood what is fingerprinted
 * @param unreadable the items that are no valid task, by index, with why
 */
record TaskBatchRequest(Understood understood, Map<Integer, TaskBatchItem.Failure> unreadable) {

    private static final Logger LOG = LoggerFactory.getLogger(TaskBatches.class);

    /**
     * The items as they would be stored (null for one that is no valid task, whose JSON is then in
     * {@code unreadable}, in order), and whether they were asked for all or nothing (the same items asked atomically
     * are another request).
     */
    @Serdeable
    record Understood(boolean atomic, List<NewTask> items,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<String> unreadable) {
    }

    static TaskBatchRequest read(List<JsonNode> items, boolean atomic, JsonMapper json) {
        List<NewTask> tasks = new ArrayList<>(items.size());
        Map<Integer, TaskBatchItem.Failure> unreadable = new LinkedHashMap<>();
        for (int index = 0; index < items.size(); index++) {
            NewTask task = readable(json, items.get(index), index, unreadable);
            tasks.add(task == null ? null : task.understood());
        }
        return new TaskBatchRequest(new Understood(atomic, tasks, unreadable.isEmpty() ? null
            : unreadable.keySet().stream().map(index -> String.valueOf(items.get(index))).toList()), unreadable);
    }

    /** @return the item, or null when it is no valid task, its problem then put in {@code unreadable} */
    private static @Nullable NewTask readable(JsonMapper json, @Nullable JsonNode item, int index,
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

    int size() {
        return understood.items().size();
    }

    boolean atomic() {
        return understood.atomic();
    }

    NewTask item(int index) {
        return understood.items().get(index);
    }

    /** @return why the item fails before anything is written (unreadable, or against a field's rule), or empty */
    Optional<TaskBatchItem.Failure> failureBeforeWriting(int index, Validator validator) {
        if (unreadable.containsKey(index)) {
            return Optional.of(unreadable.get(index));
        }
        Set<ConstraintViolation<NewTask>> violations = validator.validate(item(index));
        return violations.isEmpty() ? Optional.empty() : Optional.of(new TaskBatchItem.Invalid(violations));
    }

    /**
     * @return the item failed for a reason of its own: refused by a domain rule or by the database for its data
     *     (SQLState class 22 or 23), or invalid
     * @throws RuntimeException {@code failure} itself when it is not the item's (a lost connection, a serialization
     *     failure, a bug): the whole request may succeed later, or must fail
     */
    static TaskBatchItem failedOrRethrow(int index, RuntimeException failure) {
        if (failure instanceof DomainException refused) {
            if (refused.kind().isTransient()) {
                throw refused;
            }
            return TaskBatchItem.failed(index, new TaskBatchItem.Refused(refused));
        }
        if (failure instanceof ConstraintViolationException invalid) {
            return TaskBatchItem.failed(index, new TaskBatchItem.Invalid(invalid.getConstraintViolations()));
        }
        Optional<String> refusal = DataRefusals.sqlState(failure);
        if (refusal.isEmpty()) {
            throw failure;
        }
        // Valid by our rules, refused by the database's: worth a look, so WARN (the caller gets no SQL text).
        LOG.atWarn().addKeyValue("index", index).addKeyValue("sqlState", refusal.get())
            .log("task batch item refused by the database: {}", failure.getClass().getSimpleName());
        return TaskBatchItem.failed(index, new TaskBatchItem.Refused(new TaskRefusedByDatabaseException(failure)));
    }

    /**
     * @return the results, once counted in the log
     * @throws TaskBatchRejectedException when all or nothing was asked and an item failed
     */
    List<TaskBatchItem> concluded(List<TaskBatchItem> results) {
        List<TaskBatchItem> failures = results.stream().filter(item -> item.failure() != null).toList();
        int created = results.size() - failures.size();
        LOG.atInfo().addKeyValue("items", results.size()).addKeyValue("created", created)
            .addKeyValue("failed", failures.size()).addKeyValue("atomic", atomic())
            .log("task batch: {} created, {} failed", created, failures.size());
        if (atomic() && !failures.isEmpty()) {
            throw new TaskBatchRejectedException(failures);
        }
        return results;
    }
}
