package dev.atomicfunctions.http.problem;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents the 403 of an operation that only some verified callers (administrators, say) may perform. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ApiResponse(responseCode = "403", description = "The caller may not do this; nothing was written", content = @Content(
    mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public @interface ForbiddenProblem {
}
