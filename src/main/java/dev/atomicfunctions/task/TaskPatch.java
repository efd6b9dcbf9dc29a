package dev.atomicfunctions.task;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.stream.Stream;

/**
 * Body of {@code PATCH /tasks/{id}}: a field that is absent or null keeps its value; an empty description
 * ({@code ""}) removes it.
 *
 * @param title       1 to 200 characters, not blank
 * @param description up to 4000 characters
 * @param completed   the new completion state
 */
@Serdeable
record TaskPatch(@Nullable @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
                 @Pattern(regexp = TaskText.NO_NUL, message = TaskText.NO_NUL_MESSAGE) String title,
                 @Nullable @Size(max = 4000) @Pattern(regexp = TaskText.NO_NUL, message = TaskText.NO_NUL_MESSAGE)
                 String description,
                 @Nullable @Serdeable.Deserializable(using = StrictBoolean.class) Boolean completed) {

    boolean isEmpty() {
        return Stream.of(title, description, completed).allMatch(v -> v == null);
    }
}
