package dev.atomicfunctions.http.request;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.crac.CracResourceRegistrar;
import io.micronaut.crac.OrderedResource;
import jakarta.inject.Singleton;
import org.crac.Resource;

/**
 * Primes ({@link Priming}) before a SnapStart snapshot, never in a cold start. This CRaC resource is ordered after
 * micronaut-crac's data-source resource, and CRaC runs {@code beforeCheckpoint} in the reverse order of registration:
 * priming runs first, on an open pool, and then the pool is suspended and its connections closed, the priming's one
 * included, so that no socket is frozen into the snapshot.
 */
@Singleton
@Requires(bean = CracResourceRegistrar.class)
@Requires(bean = Priming.class)
final class SnapStartPriming implements OrderedResource {

    private final Priming priming;

    SnapStartPriming(Priming priming) {
        this.priming = priming;
    }

    /** Registered after the data source's resource (order 0): its {@code beforeCheckpoint} runs before the pool's. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        priming.prime("snapshot");
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing: the restored snapshot is what priming was for.
    }
}
