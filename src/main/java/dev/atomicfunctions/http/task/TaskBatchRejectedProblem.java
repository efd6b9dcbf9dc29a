package dev.atomicfunctions.http.task;

import dev.atomicfunctions.http.problem.Problem;
import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.task.TaskBatchRejectedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * A rejected atomic batch said in HTTP's terms: the same failure, its problem listing every failed item
 * ({@code failures}) with the problem each had.
 */
final class TaskBatchRejectedProblem extends DomainException {

    private final transient List<Failure> failures;

    TaskBatchRejectedProblem(TaskBatchRejectedException rejected) {
        super(rejected);
        this.failures = rejected.failures().stream()
            .map(item -> new Failure(item.index(), TaskBatchResult.problemOf(item.failure()))).toList();
    }

    @Override
    public Map<String, Object> extensions() {
        return Map.of("failures", failures);
    }

    // The schema of this problem in the OpenAPI document; never built (extensions() writes the member).
    /**
     * A problem (RFC 9457) with, when an atomic batch was rejected, its failed items.
     *
     * @param failures every failed item with its problem; absent for a 422 of another type
     */
    @Schema(name = "TaskBatchRejectedProblem", allOf = Problem.class)
    record Failures(@Nullable List<Failure> failures) {
    }

    /**
     * @param index   the failed item's position in the request, from 0
     * @param problem why it failed
     */
    @Serdeable
    @Schema(name = "TaskBatchFailure")
    record Failure(int index, Problem problem) {
    }
}
