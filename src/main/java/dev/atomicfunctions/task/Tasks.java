package dev.atomicfunctions.task;

import dev.atomicfunctions.audit.AuditAction;
import dev.atomicfunctions.audit.AuditTrail;
import dev.atomicfunctions.idempotency.IdempotencyKeys;
import dev.atomicfunctions.idempotency.IdempotentRequest;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.database.DatabaseEngine;
import dev.atomicfunctions.platform.error.ConcurrentlyModifiedException;
import dev.atomicfunctions.platform.error.EmptyPatchException;
import dev.atomicfunctions.platform.error.NotFoundException;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.invocation.Lookups;
import dev.atomicfunctions.platform.paging.Page;
import dev.atomicfunctions.platform.version.Precondition;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The task operations. They run inside the transaction of the entry point that calls them and never begin, commit
 * or roll back one: a failure anywhere undoes the whole request, audit row included.
 */
@Singleton
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public class Tasks {

    private static final String ENTITY = "task";
    private static final String CREATE_OPERATION = "task.create";
    // The name before operations were named as commands: see IdempotentRequest.formerly.
    private static final String CREATE_FORMERLY = "POST /tasks";

    private final TaskRepository tasks;
    private final AuditTrail audit;
    private final IdempotencyKeys idempotency;
    private final Clock clock;
    private final DatabaseEngine engine;

    Tasks(TaskRepository tasks, AuditTrail audit, IdempotencyKeys idempotency, Clock clock, DatabaseEngine engine) {
        this.tasks = tasks;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
        this.engine = engine;
    }

    /**
     * Creates a task; with an idempotency key, a retry of the same request answers as the first one did and writes
     * nothing.
     */
    Outcome<TaskView> create(Invocation invocation, NewTask request, @Nullable String idempotencyKey) {
        NewTask understood = request.understood();
        return idempotency.once(invocation, new IdempotentRequest(CREATE_OPERATION, idempotencyKey, understood,
            CREATE_FORMERLY),
            TaskView.class, () -> insert(invocation, understood));
    }

    /** Writes a task, as understood ({@link NewTask#understood()}), and its audit row. */
    TaskView insert(Invocation invocation, NewTask request) {
        return insert(invocation, request, null);
    }

    /**
     * Writes an order's fulfilment task, linked to the order, and its audit row.
     *
     * @param orderId the order it fulfils; at most one task per order (the database refuses a second)
     */
    TaskView insert(Invocation invocation, NewTask request, @Nullable UUID orderId) {
        Instant now = clock.instant();
        Task task = tasks.save(new Task(UUID.randomUUID(), invocation.subject(), request.title(),
            request.description(), false, now, now, 1, orderId));
        List<String> fields = task.description() == null
            ? List.of("title", "completed") : List.of("title", "description", "completed");
        audit.record(invocation, AuditAction.CREATE, ENTITY, task.id().toString(), fields);
        return TaskView.of(task);
    }

    /**
     * @return the id a caller gave, when it is one
     * @throws NotFoundException when it is not a UUID: it names no task
     */
    public static UUID id(String id) {
        return Lookups.id(ENTITY, id);
    }

    public TaskView get(Invocation invocation, UUID id) {
        return TaskView.of(owned(invocation, id));
    }

    private Task owned(Invocation invocation, UUID id) {
        return Lookups.owned(ENTITY, id, invocation, tasks::findByIdAndOwnerId, tasks::existsById);
    }

    public Page<TaskView> list(Invocation invocation, @Nullable Boolean completed, int limit, @Nullable String cursor) {
        return Page.read(cursor, limit,
            (createdAt, id, count) -> tasks.findPage(invocation.subject(), completed, createdAt, id, count))
            .map(TaskView::of);
    }

    /** Applies the patch only to the version the caller read (and named in If-Match, when given). */
    TaskView update(Invocation invocation, UUID id, TaskPatch patch, Precondition precondition) {
        if (patch.isEmpty()) {
            throw new EmptyPatchException("title", "description", "completed");
        }
        Task current = owned(invocation, id);
        precondition.check(ENTITY, current.version());
        Task changed = new Task(current.id(), current.ownerId(),
            patch.title() != null ? patch.title() : current.title(),
            patch.description() != null ? emptyToNull(patch.description()) : current.description(),
            patch.completed() != null ? patch.completed() : current.completed(),
            current.createdAt(), clock.instant(), current.version() + 1, current.orderId());
        List<String> fields = changedFields(current, changed);
        if (fields.isEmpty()) {
            return TaskView.of(current);
        }
        if (tasks.updateIfVersion(current.id(), current.version(), changed.title(), changed.description(),
            changed.completed(), changed.updatedAt()) == 0) {
            throw new ConcurrentlyModifiedException(ENTITY);
        }
        audit.record(invocation, AuditAction.UPDATE, ENTITY, current.id().toString(), fields);
        return TaskView.of(changed);
    }

    void delete(Invocation invocation, UUID id, Precondition precondition) {
        Task current = owned(invocation, id);
        precondition.check(ENTITY, current.version());
        if (tasks.deleteIfVersion(current.id(), current.version()) == 0) {
            throw new ConcurrentlyModifiedException(ENTITY);
        }
        audit.record(invocation, AuditAction.DELETE, ENTITY, current.id().toString(), List.of());
    }

    /**
     * Cancels the open fulfilment task of an order that ended without being fulfilled (cancelled or expired): the
     * task is deleted, and audited as any task delete, by {@code invocation}. A task already completed (the
     * warehouse was done first) is left as it is; no task (deleted by the warehouse, or never created) is no error:
     * either way there is nothing left to cancel.
     *
     * @return whether a task was cancelled
     */
    boolean cancelFulfilment(Invocation invocation, UUID orderId) {
        Optional<Task> open = (engine.locksRowsBeforeWriting() ? tasks.findByOrderIdForUpdate(orderId)
            : tasks.findByOrderId(orderId)).filter(task -> !task.completed());
        if (open.isEmpty()) {
            return false;
        }
        Task task = open.get();
        // The row is locked (or, on DSQL, a concurrent writer fails one of the two COMMITs): the version holds.
        if (tasks.deleteIfVersion(task.id(), task.version()) == 0) {
            throw new ConcurrentlyModifiedException(ENTITY);
        }
        audit.record(invocation, AuditAction.DELETE, ENTITY, task.id().toString(), List.of());
        return true;
    }

    private static List<String> changedFields(Task before, Task after) {
        List<String> fields = new ArrayList<>(3);
        if (!before.title().equals(after.title())) {
            fields.add("title");
        }
        if (!Objects.equals(before.description(), after.description())) {
            fields.add("description");
        }
        if (before.completed() != after.completed()) {
            fields.add("completed");
        }
        return fields;
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
