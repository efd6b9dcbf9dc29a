package dev.atomicfunctions.http.product;

import dev.atomicfunctions.http.problem.ConflictProblem;
import dev.atomicfunctions.http.problem.ForbiddenProblem;
import dev.atomicfunctions.http.problem.IdempotencyKeyReusedProblem;
import dev.atomicfunctions.http.problem.InvalidInputProblem;
import dev.atomicfunctions.http.problem.JsonBodyProblems;
import dev.atomicfunctions.http.problem.NotFoundProblem;
import dev.atomicfunctions.http.problem.StandardProblems;
import dev.atomicfunctions.http.request.IdempotencyHeaders;
import dev.atomicfunctions.http.response.Answers;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.paging.Page;
import dev.atomicfunctions.product.NewStockMovement;
import dev.atomicfunctions.product.ProductCommands;
import dev.atomicfunctions.product.Products;
import dev.atomicfunctions.product.RecordedMovement;
import dev.atomicfunctions.product.StockMovementView;
import dev.atomicfunctions.product.StockMovements;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.transaction.annotation.ReadOnly;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.net.URI;

/**
 * A product's stock movements: administrators record receipts and adjustments, every verified caller reads the
 * history. A movement is recorded by a command ({@link ProductCommands#recordMovement}): the movement, the stock, the
 * audit row and the idempotency record commit together or not at all.
 */
@Controller("/products/{id}/stock-movements")
@Tag(name = "products")
@SecurityRequirement(name = "jwt")
@StandardProblems
class StockMovementController {

    private final StockMovements movements;
    private final ProductCommands commands;

    StockMovementController(StockMovements movements, ProductCommands commands) {
        this.movements = movements;
        this.commands = commands;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a receipt or an adjustment of a product's stock (administrators)",
        description = "409: the stock would go below zero (insufficient-stock) or above 2147483647 (stock-limit); "
        + "the problem's member available is the stock there is. Or the same Idempotency-Key is being processed by another request (retry shortly).")
    @Answers.Recorded
    @Status(HttpStatus.CREATED)
    @JsonBodyProblems
    @ForbiddenProblem
    @NotFoundProblem
    @ConflictProblem
    @IdempotencyKeyReusedProblem
    HttpResponse<RecordedMovement> record(@Parameter(hidden = true) Invocation invocation, @PathVariable String id,
                                          @Parameter(description = IdempotencyHeaders.KEY_DESCRIPTION)
                                          @Header(IdempotencyHeaders.KEY) @Nullable String idempotencyKey,
                                          @Body @Valid NewStockMovement body) {
        Outcome<RecordedMovement> recording = commands.recordMovement(invocation, Products.id(id), body, idempotencyKey);
        RecordedMovement movement = recording.answer();
        // The id as stored, not as sent: the Location is the same whatever case the caller wrote the UUID in.
        MutableHttpResponse<RecordedMovement> response = HttpResponse.created(movement,
            URI.create("/products/" + Products.id(id) + "/stock-movements/" + movement.id()));
        return IdempotencyHeaders.marked(response, recording.replayed());
    }

    @Get(headRoute = false)
    @ReadOnly
    @Operation(summary = "List a product's stock movements, newest first")
    @Answers.Read
    @InvalidInputProblem
    @NotFoundProblem
    Page<StockMovementView> list(@Parameter(hidden = true) Invocation invocation, @PathVariable String id,
                           @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit,
                           @QueryValue @Nullable String cursor) {
        return movements.list(Products.id(id), limit, cursor);
    }

    @Get(uri = "/{movementId}", headRoute = false)
    @ReadOnly
    @Operation(summary = "Read one stock movement of a product (where a recorded movement's Location points)")
    @Answers.Read
    @NotFoundProblem
    StockMovementView find(@Parameter(hidden = true) Invocation invocation, @PathVariable String id,
                           @PathVariable String movementId) {
        return movements.find(Products.id(id), StockMovements.id(movementId));
    }
}
