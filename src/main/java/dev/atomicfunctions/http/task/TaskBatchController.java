package dev.atomicfunctions.http.task;

import dev.atomicfunctions.http.problem.ConflictProblem;
import dev.atomicfunctions.http.problem.JsonBodyProblems;
import dev.atomicfunctions.http.problem.Problem;
import dev.atomicfunctions.http.problem.StandardProblems;
import dev.atomicfunctions.http.request.IdempotencyHeaders;
import dev.atomicfunctions.http.response.Answers;
import dev.atomicfunctions.http.response.ResponseHeaders;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.task.NewTaskBatch;
import dev.atomicfunctions.task.TaskBatchRejectedException;
import dev.atomicfunctions.task.TaskBatchRun;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * Many tasks in one request ({@link TaskBatchRun}): in one transaction, each item in a savepoint of its own (partial
 * success), or all or nothing with {@code atomic=true}; on DSQL, which has no savepoints, each item in a transaction
 * of its own unless all or nothing is asked.
 */
@Controller("/tasks/batch")
@Tag(name = "tasks")
@SecurityRequirement(name = "jwt")
@StandardProblems
class TaskBatchController {


    private final TaskBatchRun batches;

    TaskBatchController(TaskBatchRun batches) {
        this.batches = batches;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTaskBatch", summary = "Create 1 to 100 tasks: each item succeeds or fails on its own, or all or nothing",
        description = "Each item is validated and written (the task and its audit row) on its own: an item that is "
            + "invalid or that the database refuses for its data fails alone and writes nothing, the others are "
            + "created. The answer lists every item in order. With atomic=true, one failed item fails the whole "
            + "batch (422, each failure listed) and nothing is written. 409: "
            + "the same Idempotency-Key is being processed by another request (retry shortly), or too much contention.")
    @Answers.Replayable
    @JsonBodyProblems
    @ConflictProblem
    @ApiResponse(responseCode = "422", description = "atomic=true and at least one item failed (failures lists "
        + "each with its problem; nothing was written), or Idempotency-Key already used for another request",
        headers = @io.swagger.v3.oas.annotations.headers.Header(name = ResponseHeaders.CORRELATION_ID,
            description = ResponseHeaders.CORRELATION_ID_DESCRIPTION, required = true,
            schema = @Schema(type = "string")),
        content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = TaskBatchRejectedProblem.Failures.class)))
    HttpResponse<TaskBatchResult> create(@Parameter(hidden = true) Invocation invocation,
                                         @Parameter(description = "Makes retries safe: the same key, items and "
                                             + "atomic replay the first answer; 1-255 visible ASCII characters, kept "
                                             + "24 hours")
                                         @Header("Idempotency-Key") @Nullable String idempotencyKey,
                                         @Parameter(description = "true: all or nothing; false (default): each item "
                                             + "on its own")
                                         @QueryValue @Nullable
                                         @Pattern(regexp = "^(true|false)$", message = "must be true or false")
                                         String atomic,
                                         @Body @Valid NewTaskBatch body) {
        Outcome<TaskBatchResult> outcome;
        try {
            outcome = batches.create(invocation, body.items(), Boolean.parseBoolean(atomic), idempotencyKey,
                TaskBatchResult.class, TaskBatchResult::of);
        } catch (TaskBatchRejectedException rejected) {
            throw new TaskBatchRejectedProblem(rejected);
        }
        MutableHttpResponse<TaskBatchResult> response = HttpResponse.ok(outcome.answer());
        return IdempotencyHeaders.marked(response, outcome.replayed());
    }
}
