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
 * Documents a 422: the request is well-formed but cannot be done as asked (an Idempotency-Key already used for
 * another request among the reasons). The problem's type says which; the operation's description lists them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ApiResponse(responseCode = "422", description = "Well-formed, but not possible as asked (the problem's type says why; "
    + "see the operation); nothing was written",
    headers = @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
        schema = @Schema(type = "string")),
    content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface UnprocessableProblem {
}
