package dev.atomicfunctions.http.product;

import dev.atomicfunctions.http.problem.ConditionalWriteProblems;
import dev.atomicfunctions.http.problem.ConflictProblem;
import dev.atomicfunctions.http.problem.ForbiddenProblem;
import dev.atomicfunctions.http.problem.IdempotencyKeyReusedProblem;
import dev.atomicfunctions.http.problem.InvalidInputProblem;
import dev.atomicfunctions.http.problem.JsonBodyProblems;
import dev.atomicfunctions.http.problem.NotFoundProblem;
import dev.atomicfunctions.http.problem.StandardProblems;
import dev.atomicfunctions.http.request.EntityTags;
import dev.atomicfunctions.http.request.IdempotencyHeaders;
import dev.atomicfunctions.http.response.Answers;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.paging.Page;
import dev.atomicfunctions.product.CreatedProduct;
import dev.atomicfunctions.product.NewProduct;
import dev.atomicfunctions.product.ProductCommands;
import dev.atomicfunctions.product.ProductPatch;
import dev.atomicfunctions.product.ProductView;
import dev.atomicfunctions.product.Products;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
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
 * The catalogue API. Every verified caller reads it (read-only transactions); only administrators write it, through
 * the catalogue's commands ({@link ProductCommands}).
 */
@Controller("/products")
@Tag(name = "products")
@SecurityRequirement(name = "jwt")
@StandardProblems
class ProductController {


    private final Products products;
    private final ProductCommands commands;

    ProductController(Products products, ProductCommands commands) {
        this.products = products;
        this.commands = commands;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a product, with its initial stock as a first receipt (administrators)",
        description = "409: the SKU is already in use, whatever its case (the problem's member existing is that "
        + "product), or the same Idempotency-Key is being processed by another request (retry shortly).")
    @Answers.Created
    @Status(HttpStatus.CREATED)
    @JsonBodyProblems
    @ForbiddenProblem
    @ConflictProblem
    @IdempotencyKeyReusedProblem
    HttpResponse<CreatedProduct> create(@Parameter(hidden = true) Invocation invocation,
                                        @Parameter(description = IdempotencyHeaders.KEY_DESCRIPTION)
                                        @Header(IdempotencyHeaders.KEY) @Nullable String idempotencyKey,
                                        @Body @Valid NewProduct body) {
        Outcome<CreatedProduct> creation = commands.create(invocation, body, idempotencyKey);
        CreatedProduct product = creation.answer();
        return IdempotencyHeaders.marked(
            EntityTags.tagged(HttpResponse.created(product, URI.create("/products/" + product.id())), product.version()),
            creation.replayed());
    }

    @Get(headRoute = false)
    @ReadOnly
    @Operation(summary = "List the catalogue, newest first")
    @Answers.Read
    @InvalidInputProblem
    Page<ProductView> list(@Parameter(hidden = true) Invocation invocation,
                     @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit,
                     @QueryValue @Nullable String cursor) {
        return products.list(limit, cursor);
    }

    @Get(value = "/{id}", headRoute = false)
    @ReadOnly
    @Operation(summary = "Get a product")
    @Answers.Versioned
    @NotFoundProblem
    HttpResponse<ProductView> get(@Parameter(hidden = true) Invocation invocation, @PathVariable String id) {
        return withTag(products.get(Products.id(id)));
    }

    @Patch("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the name or price of a product (administrators)")
    @Answers.Versioned
    @ConditionalWriteProblems
    @JsonBodyProblems
    @ForbiddenProblem
    HttpResponse<ProductView> update(@Parameter(hidden = true) Invocation invocation, @PathVariable String id,
                                     @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                     @Body @Valid ProductPatch body) {
        return withTag(commands.update(invocation, Products.id(id), body, EntityTags.precondition(ifMatch)));
    }

    private static HttpResponse<ProductView> withTag(ProductView product) {
        return EntityTags.tagged(HttpResponse.ok(product), product.version());
    }
}
