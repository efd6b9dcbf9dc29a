package dev.atomicfunctions.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** A task as callers see it: every value as stored after commit. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TaskView(UUID id,
                       String title,
                       @Nullable String description,
                       boolean completed,
                       Instant createdAt,
                       Instant updatedAt,
                       long version) {

    static TaskView of(Task task) {
        return new TaskView(task.id(), task.title(), task.description(), task.completed(), task.createdAt(),
            task.updatedAt(), task.version());
    }
}
