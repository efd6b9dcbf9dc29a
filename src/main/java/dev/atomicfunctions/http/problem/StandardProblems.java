package dev.atomicfunctions.http.problem;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static dev.atomicfunctions.http.response.ResponseHeaders.CORRELATION_ID;
import static dev.atomicfunctions.http.response.ResponseHeaders.CORRELATION_ID_DESCRIPTION;
import static dev.atomicfunctions.http.response.ResponseHeaders.RETRY_AFTER;
import static dev.atomicfunctions.http.response.ResponseHeaders.RETRY_AFTER_DESCRIPTION;

/**
 * Documents, in the OpenAPI document, the problem responses every authenticated operation can give. Put it on a
 * controller; operation-specific problems (400, 404, 409, 412, ...) are declared on the methods.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ApiResponse(responseCode = "401", description = "No verified caller identity",
    headers = @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
        schema = @Schema(type = "string")),
    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "406", description = "Accept allows neither application/json nor "
    + "application/problem+json (this problem is sent all the same)",
    headers = @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
        schema = @Schema(type = "string")),
    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "413", description = "Request body over the limit",
    headers = @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
        schema = @Schema(type = "string")),
    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "500", description = "Unexpected error; nothing was written",
    headers = @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
        schema = @Schema(type = "string")),
    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@ApiResponse(responseCode = "503", description = "Database unavailable (database-unavailable: nothing was written), or "
    + "a lost COMMIT the database could not be asked about in time (outcome-unknown: it may have taken effect; an "
    + "Idempotency-Key makes the retry safe)",
    headers = {
        @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
            schema = @Schema(type = "string")),
        @Header(name = RETRY_AFTER, description = RETRY_AFTER_DESCRIPTION, required = true,
            schema = @Schema(type = "integer", minimum = "1"))},
    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface StandardProblems {
}
