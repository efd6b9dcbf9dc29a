package dev.atomicfunctions.task;

import dev.atomicfunctions.http.problem.Problem;
import dev.atomicfunctions.platform.error.DomainException;
import dev.atomicfunctions.platform.error.ErrorKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * A batch sent with {@code atomic=true} in which at least one item failed: nothing of it is written. The problem
 * lists every failed item ({@code failures}), each with the problem it had.
 */
final class TaskBatchRejectedException extends DomainException {

    private final List<Failure> failures;

    TaskBatchRejectedException(List<TaskBatchResult.ItemResult> failed) {
        super(ErrorKind.UNPROCESSABLE, "batch-rejected", "Batch rejected",
            (failed.size() == 1 ? "An item" : failed.size() + " items") + " failed and the batch was sent with "
                + "atomic=true: nothing was written. Each failure is listed with its problem.");
        this.failures = failed.stream().map(r -> new Failure(r.index(), r.problem())).toList();
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
