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
 * Documents the 400 of an operation that reads input beyond its path: query values, an {@code Idempotency-Key}, a
 * body ({@link JsonBodyProblems} includes it). An operation on one resource named by its path has no input to refuse:
 * an id that is no resource's is a 404.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ApiResponse(responseCode = "400", description = "Invalid input: the problem lists each invalid field; nothing was written",
    headers = @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
        schema = @Schema(type = "string")),
    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface InvalidInputProblem {
}
