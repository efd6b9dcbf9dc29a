package dev.atomicfunctions.http.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document, the body of every error response ({@code application/problem+json}).
 *
 * @param type          URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title         short, stable summary of the kind of problem
 * @param status        the HTTP status code
 * @param detail        explanation for this occurrence; never internal text (no SQL, no exception message)
 * @param instance      the request path
 * @param correlationId the correlation id of the request, as echoed in {@code X-Correlation-Id}
 * @param errors        one entry per invalid field (validation problems only)
 * @param extensions    further members of this kind of problem (RFC 9457 extension members), such as the
 *                      conflicting resource; written as members of the document itself
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details. Some types carry extension members: available "
    + "(insufficient-stock and stock-limit on a product: the stock there is), shortLines (insufficient-stock on an "
    + "order), existing (duplicate-sku: that product), currentStatus (order-state-conflict), unknownProducts "
    + "(unknown-products), currencies (mixed-currencies), failures (batch-rejected).",
    additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
public record Problem(String type,
                      String title,
                      int status,
                      @Nullable String detail,
                      @Nullable String instance,
                      @Nullable String correlationId,
                      @Nullable List<FieldError> errors,
                      @JsonAnyGetter @Schema(hidden = true) @Nullable Map<String, Object> extensions) {

    /** The media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One invalid input field.
     *
     * @param field   the field name as the caller sent it (for example {@code title} or {@code limit})
     * @param message what is wrong with it
     */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
