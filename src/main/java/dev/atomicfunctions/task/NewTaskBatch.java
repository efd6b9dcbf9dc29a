package dev.atomicfunctions.task;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

// Only the envelope is read and validated with the request: a list of 1 to 100 JSON values. Each item is read and
// validated on its own (TaskBatches), so that an item that is not a valid task (a wrong type, NUL, null) fails alone.
/**
 * Body of {@code POST /tasks/batch}: 1 to 100 items. An item that breaks a rule of {@code POST /tasks}, however it
 * breaks it, fails alone, with its problem in the answer.
 *
 * @param items the tasks to create, each as the body of {@code POST /tasks}
 */
@Serdeable
public record NewTaskBatch(@NotNull @Size(min = 1, max = 100)
                           @ArraySchema(minItems = 1, maxItems = 100, schema = @Schema(implementation = NewTask.class,
                        description = "What to send; an item that is not a valid task fails alone, its problem in "
                            + "the answer's results"))
                    List<JsonNode> items) {
}
