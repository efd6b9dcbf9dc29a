package dev.atomicfunctions.archfixture;

import dev.atomicfunctions.platform.transaction.Command;
import dev.atomicfunctions.platform.transaction.ReadCommitted;
import dev.atomicfunctions.platform.transaction.RetryTransaction;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;

/**
 * A write that does not say which isolation it relies on ({@code create}), next to four that do: with
 * {@link ReadCommitted}, with it and {@link RetryTransaction}, as a {@link Command} (both, composed), with an
 * explicit level. Abstract and behind a property
 * no context sets, so never a bean nor a route; {@code ArchitectureTest} must catch the first only for its isolation,
 * and all but the retried one and the command for their retry.
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

    @Post("/retried")
    @Transactional
    @ReadCommitted
    @RetryTransaction
    String createRetried() {
        return "created";
    }

    @Post("/command")
    @Command
    String createAsCommand() {
        return "created";
    }

    @Post("/serializable")
    @Transactional(isolation = TransactionDefinition.Isolation.SERIALIZABLE)
    String createSerializable() {
        return "created";
    }
}
