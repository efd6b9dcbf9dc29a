package dev.atomicfunctions.archfixture;

import dev.atomicfunctions.platform.transaction.ReadCommitted;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;

/**
 * A write that does not say which isolation it relies on ({@code create}), next to two that do: one with
 * {@link ReadCommitted}, one with an explicit level. Abstract and behind a property no context sets, so never a bean
 * nor a route; {@code ArchitectureTest} must catch the first only.
 */
@Requires(property = "atomic.archfixture")
@Controller("/fixture-isolation")
public abstract class WriteWithoutDeclaredIsolation {

    @Post
    @Transactional
    String create() {
        return "created";
    }

    @Post("/read-committed")
    @Transactional
    @ReadCommitted
    String createReadCommitted() {
        return "created";
    }

    @Post("/serializable")
    @Transactional(isolation = TransactionDefinition.Isolation.SERIALIZABLE)
    String createSerializable() {
        return "created";
    }
}
