package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.validation.Length;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code PATCH /products/{id}}: a field that is absent or null keeps its value. SKU and currency never
 * change (orders keep the SKU they were placed with); stock changes only through stock movements.
 *
 * @param name       1 to 200 characters, not blank
 * @param priceMinor unit price in minor units of the product's currency, 0 or more
 */
@Serdeable
@Schema(minProperties = 1, description = "At least one field: an empty patch is refused")
public record ProductPatch(@Nullable @Length(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
                           @Schema(minLength = 1, maxLength = 200) String name,
                           @Nullable @Min(0) Long priceMinor) {

    /** Some character other than white space; valid as ECMA-262 too, for the OpenAPI document's users. */
    static final String NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";

    boolean isEmpty() {
        return name == null && priceMinor == null;
    }
}
