package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.validation.Length;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /products/{id}/stock-movements}: a movement an administrator records. Reservations and
 * releases are the orders' own and cannot be recorded here.
 *
 * @param kind     {@code RECEIPT} (goods received) or {@code ADJUSTMENT} (a correction, either sign)
 * @param quantity units, signed: positive into stock, negative out of it; never 0, positive for a receipt
 * @param reason   why, 1 to 200 characters, not blank
 */
@Serdeable
@QuantityFitsKind
public record NewStockMovement(@NotNull @Pattern(regexp = "^(RECEIPT|ADJUSTMENT)$", message = "must be RECEIPT or ADJUSTMENT")
                               @Schema(allowableValues = {"RECEIPT", "ADJUSTMENT"}) String kind,
                               @NotNull @Schema(description = "Units, signed: positive into stock, negative out of it; "
                            + "never 0, positive for a RECEIPT") Integer quantity,
                        @NotBlank @Length(max = 200) @Schema(minLength = 1, maxLength = 200) String reason) {

    MovementKind movementKind() {
        return MovementKind.valueOf(kind);
    }
}
