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

/**
 * Documents the 404 of an operation on one resource the caller may not see (absent, or another caller's).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ApiResponse(responseCode = "404", description = "No such resource for this caller",
    headers = @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
        schema = @Schema(type = "string")),
    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface NotFoundProblem {
}
