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
 * Documents the problems of every operation that reads a JSON body: 400 when it is not valid, 415 when it is not sent
 * as {@code application/json} (or is sent with no {@code Content-Type} at all).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@InvalidInputProblem
@ApiResponse(responseCode = "415", description = "Body not sent as application/json",
    headers = @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
        schema = @Schema(type = "string")),
    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface JsonBodyProblems {
}
