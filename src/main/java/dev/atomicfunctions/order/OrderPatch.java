package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.validation.Length;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code PATCH /orders/{id}}: the note ({@code ""} removes it).
 *
 * @param note up to 500 characters
 */
@Serdeable
@Schema(minProperties = 1, description = "At least one field: an empty patch is refused")
public record OrderPatch(@Nullable @Length(max = 500) @Schema(maxLength = 500) String note) {
}
