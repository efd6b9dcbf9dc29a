package dev.atomicfunctions.http.order;

import dev.atomicfunctions.http.problem.ConditionalWriteProblems;
import dev.atomicfunctions.http.problem.ConflictProblem;
import dev.atomicfunctions.http.problem.IdempotencyKeyReusedProblem;
import dev.atomicfunctions.http.problem.InvalidInputProblem;
import dev.atomicfunctions.http.problem.JsonBodyProblems;
import dev.atomicfunctions.http.problem.NotFoundProblem;
import dev.atomicfunctions.http.problem.StandardProblems;
import dev.atomicfunctions.http.problem.UnprocessableProblem;
import dev.atomicfunctions.http.request.EntityTags;
import dev.atomicfunctions.http.request.IdempotencyHeaders;
import dev.atomicfunctions.http.response.Answers;
import dev.atomicfunctions.idempotency.Outcome;
import dev.atomicfunctions.order.NewOrder;
import dev.atomicfunctions.order.OrderCommands;
import dev.atomicfunctions.order.OrderPatch;
import dev.atomicfunctions.order.OrderStatus;
import dev.atomicfunctions.order.OrderView;
import dev.atomicfunctions.order.Orders;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.paging.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import jakarta.validation.constraints.Pattern;

import java.net.URI;

/**
 * The orders API: each write asks for a command ({@link OrderCommands}: its transaction, retry, failed-attempt audit
 * and relay); each read runs in a read-only transaction of its own.
 */
@Controller("/orders")
@Tag(name = "orders")
@SecurityRequirement(name = "jwt")
@StandardProblems
class OrderController {


    private final OrderCommands commands;
    private final Orders orders;

    OrderController(OrderCommands commands, Orders orders) {
        this.commands = commands;
        this.orders = orders;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order: reserve the stock of every line, all or nothing", description = "409: "
        + "some lines are short of stock (shortLines lists them), or the same Idempotency-Key is being processed by another request (retry shortly). 422: unknown products, mixed "
        + "currencies, a total too large for 64 bits of minor units (order-total-too-large), or an Idempotency-Key "
        + "already used for another request.")
    @Answers.Created
    @Status(HttpStatus.CREATED)
    @JsonBodyProblems
    @ConflictProblem
    @UnprocessableProblem
    HttpResponse<OrderView> place(@Parameter(hidden = true) Invocation invocation,
                                  @Parameter(description = IdempotencyHeaders.KEY_DESCRIPTION)
                                  @Header(IdempotencyHeaders.KEY)
                                  @Nullable String idempotencyKey,
                                  @Body @Valid NewOrder body) {
        Outcome<OrderView> placed = commands.place(invocation, body, idempotencyKey);
        MutableHttpResponse<OrderView> response = HttpResponse.created(placed.answer(),
            URI.create("/orders/" + placed.answer().id()));
        return replayed(tagged(response, placed.answer()), placed);
    }

    @Get(headRoute = false)
    @ReadOnly
    @Operation(summary = "List the caller's orders, newest first")
    @Answers.Read
    @InvalidInputProblem
    Page<OrderView> list(@Parameter(hidden = true) Invocation invocation,
                   @QueryValue @Nullable @Pattern(regexp = "^(PLACED|CANCELLED|EXPIRED|FULFILLED)$",
                       message = "must be PLACED, CANCELLED, EXPIRED or FULFILLED") String status,
                   @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit,
                   @QueryValue @Nullable String cursor) {
        return orders.list(invocation, status == null ? null : OrderStatus.valueOf(status), limit, cursor);
    }

    @Get(value = "/{id}", headRoute = false)
    @ReadOnly
    @Operation(summary = "Get one of the caller's orders")
    @Answers.Versioned
    @NotFoundProblem
    HttpResponse<OrderView> get(@Parameter(hidden = true) Invocation invocation, @PathVariable String id) {
        OrderView order = orders.get(invocation, Orders.id(id));
        return tagged(HttpResponse.ok(order), order);
    }

    @Patch("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the note of a placed order")
    @Answers.Versioned
    @ConditionalWriteProblems
    @JsonBodyProblems
    HttpResponse<OrderView> changeNote(@Parameter(hidden = true) Invocation invocation, @PathVariable String id,
                                       @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                       @Body @Valid OrderPatch body) {
        OrderView order = commands.changeNote(invocation, Orders.id(id), body, EntityTags.precondition(ifMatch));
        return tagged(HttpResponse.ok(order), order);
    }

    @Post("/{id}/cancel")
    @Operation(summary = "Cancel a placed order and give its stock back", description = "409: the order "
        + "is not PLACED (currentStatus names its state), or the same Idempotency-Key is being processed by another request (retry shortly).")
    @Answers.VersionedReplayable
    @InvalidInputProblem
    @NotFoundProblem
    @ConflictProblem
    @IdempotencyKeyReusedProblem
    HttpResponse<OrderView> cancel(@Parameter(hidden = true) Invocation invocation, @PathVariable String id,
                                   @Parameter(description = IdempotencyHeaders.KEY_DESCRIPTION)
                                  @Header(IdempotencyHeaders.KEY)
                                   @Nullable String idempotencyKey) {
        Outcome<OrderView> cancelled = commands.cancel(invocation, Orders.id(id), idempotencyKey);
        return replayed(tagged(HttpResponse.ok(cancelled.answer()), cancelled.answer()), cancelled);
    }

    @Delete("/{id}")
    @Operation(summary = "Delete a cancelled or expired order (its audit trail stays)")
    @Answers.Deleted
    @Status(HttpStatus.NO_CONTENT)
    @ConditionalWriteProblems
    HttpResponse<Void> delete(@Parameter(hidden = true) Invocation invocation, @PathVariable String id,
                              @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch) {
        commands.delete(invocation, Orders.id(id), EntityTags.precondition(ifMatch));
        return HttpResponse.noContent();
    }

    private static MutableHttpResponse<OrderView> tagged(MutableHttpResponse<OrderView> response, OrderView order) {
        return EntityTags.tagged(response, order.version());
    }

    private static MutableHttpResponse<OrderView> replayed(MutableHttpResponse<OrderView> response,
                                                           Outcome<OrderView> outcome) {
        return IdempotencyHeaders.marked(response, outcome.replayed());
    }
}
