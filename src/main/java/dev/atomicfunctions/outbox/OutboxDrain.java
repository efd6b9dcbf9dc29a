package dev.atomicfunctions.outbox;

import dev.atomicfunctions.platform.invocation.Deadline;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Relays pending events batch after batch, each batch its own transaction, until none is left or the time given is
 * up. Used right after an API transaction commits (a short budget: the HTTP answer waits for it) and by the
 * scheduled job (the safety net, with the rest of its invocation). Without a queue configured it does nothing.
 */
@Singleton
public class OutboxDrain {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrain.class);

    private final Optional<OutboxRelay> relay;
    private final int batchSize;

    OutboxDrain(Optional<OutboxRelay> relay, @Value("${atomic.outbox.batch-size}") int batchSize) {
        this.relay = relay;
        this.batchSize = batchSize;
    }

    /**
     * @param budget how long it may take; never past the invocation's deadline less {@code margin}
     * @return what was relayed; nothing without a queue
     */
    public Result drain(Duration budget, Duration margin) {
        if (relay.isEmpty()) {
            return new Result(0, 0);
        }
        long stopAt = System.nanoTime() + budget.toNanos();
        int published = 0;
        int failedBatches = 0;
        while (System.nanoTime() < stopAt && Deadline.remainingMillis() > margin.toMillis()) {
            OutboxRelay.Batch batch;
            try {
                batch = relay.get().relayBatch(batchSize);
            } catch (RuntimeException e) {
                // The queue or the database is out of reach: the events stay pending for the next drain.
                LOG.atWarn().addKeyValue("reason", e.getClass().getSimpleName()).log("outbox relay failed");
                failedBatches++;
                break;
            }
            published += batch.published();
            if (batch.claimed() < batchSize || batch.published() < batch.claimed()) {
                break;
            }
        }
        return new Result(published, failedBatches);
    }

    /** @return events still pending; null without a queue */
    public @Nullable Long pending() {
        return relay.map(OutboxRelay::pending).orElse(null);
    }

    /**
     * @param published     events the queue accepted
     * @param failedBatches batches that could not be relayed
     */
    public record Result(int published, int failedBatches) {
    }
}
