package dev.atomicfunctions.archfixture;

import dev.atomicfunctions.outbox.OutboxDrain;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;

import java.time.Duration;

/**
 * A service that drives an entry point (the outbox relay, through its drain) from inside its caller's transaction:
 * the relay would join it and send events before they commit. Abstract and behind a property no context sets, so
 * never a bean; {@code ArchitectureTest} must catch it.
 */
@Requires(property = "atomic.archfixture")
@Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
public abstract class ServiceDrainingTheOutbox {

    private final OutboxDrain drain;

    ServiceDrainingTheOutbox(OutboxDrain drain) {
        this.drain = drain;
    }

    int publishNow() {
        return drain.drain(Duration.ofSeconds(1), Duration.ZERO).published();
    }
}
