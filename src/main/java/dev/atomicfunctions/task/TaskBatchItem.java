package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.ConstraintViolation;

import java.util.Set;
import java.util.UUID;

/**
 * What became of one item of a task batch: created, or failed for a reason of its own (and wrote nothing). Each edge
 * says it in its own terms; HTTP as the problem the item would have had as a request of its own.
 *
 * @param index   the item's position in the batch, from 0
 * @param id      the created task's id; null when the item failed
 * @param failure why the item failed; null when it was created
 */
public record TaskBatchItem(int index, @Nullable UUID id, @Nullable Failure failure) {

    static TaskBatchItem created(int index, UUID id) {
        return new TaskBatchItem(index, id, null);
    }

    static TaskBatchItem failed(int index, Failure failure) {
        return new TaskBatchItem(index, null, failure);
    }

    /** Why an item failed. */
    public sealed interface Failure permits Refused, Invalid, Unreadable {
    }

    /** Refused by a domain rule, or by the database for its data. */
    public record Refused(DomainException error) implements Failure {
    }

    /** Read as a task, but against a field's rule. */
    public record Invalid(Set<? extends ConstraintViolation<?>> violations) implements Failure {
    }

    /**
     * No task of the documented shape: {@code refusal} is what reading it refused, null for a value that is no
     * object.
     */
    public record Unreadable(@Nullable Throwable refusal) implements Failure {
    }
}
