package dev.atomicfunctions.http.request;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.inject.Singleton;

/**
 * Primes ({@link Priming}) at init on Lambda Managed Instances, which have no SnapStart: an environment there starts
 * once, may take up to 15 minutes to, and then serves many requests at once for hours, so its first requests should
 * not each pay for what priming loads and compiles. The function knows its mode from
 * {@code AWS_LAMBDA_MAX_CONCURRENCY}, which Lambda sets on Managed Instances only
 * ({@code atomic.managed-instances.concurrency}). The pool stays open afterwards: the environment is not frozen, and
 * priming left its connections clean (every transaction rolled back).
 */
@Singleton
@Requires(bean = Priming.class)
final class ManagedInstancesPriming implements ApplicationEventListener<StartupEvent> {

    // Built only where it runs: on demand, a cold start does not pay for it.
    private final BeanProvider<Priming> priming;
    private final boolean managedInstances;

    // Not @Requires(property = ...): Micronaut AOT decides such a requirement when the jar is built, where the
    // variable is never set, and leaves the bean out of the jar for good.
    ManagedInstancesPriming(BeanProvider<Priming> priming,
                            @Value("${atomic.managed-instances.concurrency:0}") int concurrency) {
        this.priming = priming;
        this.managedInstances = concurrency > 0;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (managedInstances) {
            priming.get().prime("init");
        }
    }
}
