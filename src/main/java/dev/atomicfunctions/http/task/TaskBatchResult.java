package dev.atomicfunctions.http.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.atomicfunctions.http.problem.Problem;
import dev.atomicfunctions.http.problem.Problems;
import dev.atomicfunctions.task.TaskBatchItem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

// What an idempotency key replays: its shape is also the shape of the answers stored in idempotency_record.
/**
 * The answer to {@code POST /tasks/batch}: one result per item, in the order sent.
 *
 * @param results one per item, in the order of the request
 * @param created how many tasks were created
 * @param failed  how many items failed (and wrote nothing)
 */
@Serdeable
@Schema(name = "TaskBatchResult")
record TaskBatchResult(List<ItemResult> results, int created, int failed) {

    static TaskBatchResult of(List<TaskBatchItem> items) {
        List<ItemResult> results = items.stream().map(ItemResult::of).toList();
        int created = (int) results.stream().filter(r -> r.id() != null).count();
        return new TaskBatchResult(results, created, results.size() - created);
    }

    /** @return the problem an item would have had as a request of its own */
    static Problem problemOf(TaskBatchItem.Failure failure) {
        return switch (failure) {
            case TaskBatchItem.Refused refused -> Problems.of(refused.error());
            case TaskBatchItem.Invalid invalid -> Problems.invalid(invalid.violations());
            case TaskBatchItem.Unreadable unreadable -> Problems.unreadable(unreadable.refusal());
        };
    }

    /**
     * What became of one item: created (201 and the task's id) or failed (the status and problem it would have had
     * as a request of its own).
     *
     * @param index   the item's position in the request, from 0
     * @param status  201 when created; else the status of its problem
     * @param id      the created task's id; absent when the item failed
     * @param problem why the item failed (RFC 9457, without instance and correlationId: the batch's own);
     *                absent when it was created
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "TaskBatchItemResult")
    record ItemResult(int index, int status, @Nullable UUID id, @Nullable @Schema(nullable = false) Problem problem) {

        static ItemResult of(TaskBatchItem item) {
            if (item.failure() == null) {
                return new ItemResult(item.index(), 201, item.id(), null);
            }
            Problem problem = problemOf(item.failure());
            return new ItemResult(item.index(), problem.status(), null, problem);
        }
    }
}
