package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.validation.Length;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /tasks}.
 *
 * @param title       1 to 200 characters, not blank
 * @param description up to 4000 characters, optional
 */
@Serdeable
public record NewTask(@NotBlank @Length(max = 200) @Schema(minLength = 1, maxLength = 200) String title,
                      @Nullable @Length(max = 4000) @Schema(maxLength = 4000) String description) {

    /** @return the task as stored: an empty description is no description */
    NewTask understood() {
        return description == null || !description.isEmpty() ? this : new NewTask(title, null);
    }
}
