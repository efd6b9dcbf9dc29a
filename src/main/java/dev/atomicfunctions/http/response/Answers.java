package dev.atomicfunctions.http.response;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static dev.atomicfunctions.http.response.ResponseHeaders.CORRELATION_ID;
import static dev.atomicfunctions.http.response.ResponseHeaders.CORRELATION_ID_DESCRIPTION;
import static dev.atomicfunctions.http.response.ResponseHeaders.ETAG;
import static dev.atomicfunctions.http.response.ResponseHeaders.ETAG_DESCRIPTION;
import static dev.atomicfunctions.http.response.ResponseHeaders.LOCATION;
import static dev.atomicfunctions.http.response.ResponseHeaders.LOCATION_DESCRIPTION;
import static dev.atomicfunctions.http.response.ResponseHeaders.REPLAYED;
import static dev.atomicfunctions.http.response.ResponseHeaders.REPLAYED_DESCRIPTION;

/**
 * Documents an operation's success answer with the headers it carries. The body's schema is the method's return
 * type (a 201 method says {@code @Status(CREATED)} so that the generator puts it on the 201); the summary and
 * description of the operation say what the answer means.
 */
public final class Answers {

    private Answers() {
    }

    /** 200: a page, or a resource without a version. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "200", description = "OK", headers = {
        @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
            schema = @Schema(type = "string"))})
    public @interface Read {
    }

    /** 200: one versioned resource, its version in {@code ETag}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "200", description = "The resource; ETag carries its version", headers = {
        @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
            schema = @Schema(type = "string")),
        @Header(name = ETAG, description = ETAG_DESCRIPTION, required = true, schema = @Schema(type = "string"))})
    public @interface Versioned {
    }

    /** 200: one versioned resource, from an operation that takes an {@code Idempotency-Key}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "200", description = "The resource; ETag carries its version", headers = {
        @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
            schema = @Schema(type = "string")),
        @Header(name = ETAG, description = ETAG_DESCRIPTION, required = true, schema = @Schema(type = "string")),
        @Header(name = REPLAYED, description = REPLAYED_DESCRIPTION, schema = @Schema(type = "string",
            allowableValues = "true"))})
    public @interface VersionedReplayable {
    }

    /** 200: a result that is not a resource, from an operation that takes an {@code Idempotency-Key}. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "200", description = "OK", headers = {
        @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
            schema = @Schema(type = "string")),
        @Header(name = REPLAYED, description = REPLAYED_DESCRIPTION, schema = @Schema(type = "string",
            allowableValues = "true"))})
    public @interface Replayable {
    }

    /** 201: a created, versioned resource. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "201", description = "Created; Location says where, ETag carries its version",
        headers = {
            @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
                schema = @Schema(type = "string")),
            @Header(name = LOCATION, description = LOCATION_DESCRIPTION, required = true,
                schema = @Schema(type = "string")),
            @Header(name = ETAG, description = ETAG_DESCRIPTION, required = true, schema = @Schema(type = "string")),
            @Header(name = REPLAYED, description = REPLAYED_DESCRIPTION, schema = @Schema(type = "string",
                allowableValues = "true"))})
    public @interface Created {
    }

    /** 201: a created record that is never changed, so carries no version. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "201", description = "Created; Location says where", headers = {
        @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
            schema = @Schema(type = "string")),
        @Header(name = LOCATION, description = LOCATION_DESCRIPTION, required = true,
            schema = @Schema(type = "string")),
        @Header(name = REPLAYED, description = REPLAYED_DESCRIPTION, schema = @Schema(type = "string",
            allowableValues = "true"))})
    public @interface Recorded {
    }

    /** 204. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "204", description = "Deleted", headers = {
        @Header(name = CORRELATION_ID, description = CORRELATION_ID_DESCRIPTION, required = true,
            schema = @Schema(type = "string"))})
    public @interface Deleted {
    }
}
