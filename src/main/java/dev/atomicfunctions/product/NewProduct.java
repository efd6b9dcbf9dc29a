package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.validation.CurrencyCode;
import dev.atomicfunctions.platform.validation.Length;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /products}.
 *
 * @param sku          1 to 64 letters, digits, dots, underscores or hyphens; unique whatever its case
 * @param name         1 to 200 characters, not blank
 * @param priceMinor   unit price in minor units of the currency (cents), 0 or more
 * @param currency     ISO 4217 code, upper case
 * @param initialStock units in stock from the start, recorded as a first receipt; absent or 0: none
 */
@Serdeable
public record NewProduct(@NotNull @Pattern(regexp = SKU, message = SKU_MESSAGE) @Schema(minLength = 1, maxLength = 64) String sku,
                         @NotBlank @Length(max = 200) @Schema(minLength = 1, maxLength = 200) String name,
                         @NotNull @Min(0) Long priceMinor,
                         @NotNull @CurrencyCode @Schema(pattern = "^[A-Z]{3}$", minLength = 3, maxLength = 3) String currency,
                         @Nullable @Min(0) Integer initialStock) {

    /** Anchored and valid as ECMA-262 too, for the OpenAPI document's users; the column's CHECK is the same. */
    static final String SKU = "^[A-Za-z0-9._-]{1,64}$";
    static final String SKU_MESSAGE = "must be 1 to 64 letters, digits, '.', '_' or '-'";

    /** @return the same request with "no initial stock" written one way: absent and 0 ask for the same thing */
    NewProduct understood() {
        return new NewProduct(sku, name, priceMinor, currency, initialStock == null ? 0 : initialStock);
    }
}
