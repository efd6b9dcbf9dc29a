package dev.atomicfunctions.task;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

// Only the list itself is validated with the request; each item is validated on its own (TaskBatches), so that
// an invalid item fails alone.
/**
 * Body of {@code POST /tasks/batch}: 1 to 100 items, none null. An item that breaks a rule of {@code POST /tasks}
 * fails alone, with its problem in the answer.
 *
 * @param items the tasks to create, each as the body of {@code POST /tasks}
 */
@Serdeable
record NewTaskBatch(@NotNull @Size(min = 1, max = 100)
                    @ArraySchema(minItems = 1, maxItems = 100, schema = @Schema(implementation = NewTask.class))
                    List<@NotNull NewTask> items) {
}
