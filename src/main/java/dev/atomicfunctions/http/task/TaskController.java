package dev.atomicfunctions.http.task;

import dev.atomicfunctions.http.problem.ConditionalWriteProblems;
import dev.atomicfunctions.http.problem.ConflictProblem;
import dev.atomicfunctions.http.problem.IdempotencyKeyReusedProblem;
import dev.atomicfunctions.http.problem.InvalidInputProblem;
import dev.atomicfunctions.http.problem.JsonBodyProblems;
import dev.atomicfunctions.http.problem.NotFoundProblem;
import dev.atomicfunctions.http.problem.StandardProblems;
import dev.atomicfunctions.http.request.EntityTags;
import dev.atomicfunctions.http.request.IdempotencyHeaders;
import dev.atomicfunctions.http.response.Answers;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.paging.Page;
import dev.atomicfunctions.task.NewTask;
import dev.atomicfunctions.task.TaskCommands;
import dev.atomicfunctions.task.TaskPatch;
import dev.atomicfunctions.task.TaskView;
import dev.atomicfunctions.task.Tasks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.transaction.annotation.ReadOnly;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.net.URI;

/**
 * The tasks API: each write asks for a command ({@link TaskCommands}, which owns its transaction); each read runs in a
 * read-only transaction of its own.
 */
@Controller("/tasks")
@Tag(name = "tasks")
@SecurityRequirement(name = "jwt")
@StandardProblems
class TaskController {


    private final Tasks tasks;
    private final TaskCommands commands;

    TaskController(Tasks tasks, TaskCommands commands) {
        this.tasks = tasks;
        this.commands = commands;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a task", description = "409: the same Idempotency-Key is being processed by another request (retry shortly).")
    @Answers.Created
    @Status(HttpStatus.CREATED)
    @JsonBodyProblems
    @ConflictProblem
    @IdempotencyKeyReusedProblem
    HttpResponse<TaskView> create(@Parameter(hidden = true) Invocation invocation,
                                  @Parameter(description = IdempotencyHeaders.KEY_DESCRIPTION)
                                  @Header(IdempotencyHeaders.KEY) @Nullable String idempotencyKey,
                                  @Body @Valid NewTask body) {
        Outcome<TaskView> creation = commands.create(invocation, body, idempotencyKey);
        TaskView task = creation.answer();
        return IdempotencyHeaders.marked(
            EntityTags.tagged(HttpResponse.created(task, URI.create("/tasks/" + task.id())), task.version()),
            creation.replayed());
    }

    @Get(headRoute = false)
    @ReadOnly
    @Operation(summary = "List the caller's tasks, newest first")
    @Answers.Read
    @InvalidInputProblem
    Page<TaskView> list(@Parameter(hidden = true) Invocation invocation,
                  @QueryValue @Nullable @Pattern(regexp = "^(true|false)$", message = "must be true or false")
                  String completed,
                  @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit,
                  @QueryValue @Nullable String cursor) {
        return tasks.list(invocation, completed == null ? null : Boolean.valueOf(completed), limit, cursor);
    }

    @Get(value = "/{id}", headRoute = false)
    @ReadOnly
    @Operation(summary = "Get one of the caller's tasks")
    @Answers.Versioned
    @NotFoundProblem
    HttpResponse<TaskView> get(@Parameter(hidden = true) Invocation invocation, @PathVariable String id) {
        return withTag(tasks.get(invocation, Tasks.id(id)));
    }

    @Patch("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change title, description or completion of a task")
    @Answers.Versioned
    @ConditionalWriteProblems
    @JsonBodyProblems
    HttpResponse<TaskView> update(@Parameter(hidden = true) Invocation invocation, @PathVariable String id,
                                  @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                  @Body @Valid TaskPatch body) {
        return withTag(commands.update(invocation, Tasks.id(id), body, EntityTags.precondition(ifMatch)));
    }

    @Delete("/{id}")
    @Operation(summary = "Delete a task")
    @Answers.Deleted
    @Status(HttpStatus.NO_CONTENT)
    @ConditionalWriteProblems
    HttpResponse<Void> delete(@Parameter(hidden = true) Invocation invocation, @PathVariable String id,
                              @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        commands.delete(invocation, Tasks.id(id), EntityTags.precondition(ifMatch));
        return HttpResponse.noContent();
    }

    private static HttpResponse<TaskView> withTag(TaskView task) {
        return EntityTags.tagged(HttpResponse.ok(task), task.version());
    }
}
