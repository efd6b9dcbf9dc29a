package dev.atomicfunctions.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /tasks}.
 *
 * @param title       1 to 200 characters, not blank
 * @param description up to 4000 characters, optional
 */
@Serdeable
record NewTask(@NotBlank @Size(max = 200) @Pattern(regexp = TaskText.NO_NUL, message = TaskText.NO_NUL_MESSAGE)
               String title,
               @Nullable @Size(max = 4000) @Pattern(regexp = TaskText.NO_NUL, message = TaskText.NO_NUL_MESSAGE)
               String description) {
}
