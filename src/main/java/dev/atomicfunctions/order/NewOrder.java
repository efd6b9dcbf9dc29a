package dev.atomicfunctions.order;

import dev.atomicfunctions.platform.validation.Length;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /orders}.
 *
 * @param lines 1 to 50 lines, each product at most once
 * @param note  up to 500 characters, optional
 */
@Serdeable
public record NewOrder(@NotNull @Size(min = 1, max = 50) List<@Valid @NotNull Line> lines,
                       @Nullable @Length(max = 500) @Schema(maxLength = 500) String note) {

    /**
     * One line: a product named by {@code productId} or by {@code sku} (not both), and how many.
     *
     * @param productId the product's id
     * @param sku       the product's SKU, any case
     * @param quantity  1 to 1000 units
     */
    @Serdeable
    @Schema(oneOf = {NamedById.class, NamedBySku.class})
    record Line(@Nullable UUID productId,
                @Nullable @Length(min = 1, max = 64) @Schema(minLength = 1, maxLength = 64) String sku,
                @Min(1) @Max(1000) int quantity) {
    }

    /** For the document only: "exactly one of productId or sku" as a schema a validator can apply. */
    @Schema(name = "OrderLineNamedById", description = "A line naming its product by id",
        requiredProperties = "productId")
    private record NamedById(UUID productId, int quantity) {
    }

    /** For the document only: see {@link NamedById}. */
    @Schema(name = "OrderLineNamedBySku", description = "A line naming its product by SKU", requiredProperties = "sku")
    private record NamedBySku(String sku, int quantity) {
    }
}
