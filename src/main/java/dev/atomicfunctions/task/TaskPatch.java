package dev.atomicfunctions.task;

import dev.atomicfunctions.platform.validation.Length;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;

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
@Schema(minProperties = 1, description = "At least one field: an empty patch is refused")
public record TaskPatch(@Nullable @Length(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
                        @Schema(minLength = 1, maxLength = 200) String title,
                        @Nullable @Length(max = 4000) @Schema(maxLength = 4000) String description,
                        @Nullable Boolean completed) {

    /** Some character other than white space; valid as ECMA-262 too, for the OpenAPI document's users. */
    static final String NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";

    boolean isEmpty() {
        return Stream.of(title, description, completed).allMatch(v -> v == null);
    }
}
