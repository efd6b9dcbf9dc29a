package dev.atomicfunctions.outbox;

import dev.atomicfunctions.platform.invocation.Deadline;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Relays pending events batch after batch, each batch its own transaction, until none is left or the time given is
 * up. Used right after an API transaction commits (a short budget: the HTTP answer waits for it) and by the
 * scheduled job (the safety net, with the rest of its invocation). Without a queue configured it does nothing.
 */
@Singleton
public class OutboxDrain {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDrain.class);

    private final OutboxRelay relay;
    private final QueuePublisher publisher;
    private final int batchSize;

    OutboxDrain(OutboxRelay relay, QueuePublisher publisher, @Value("${atomic.outbox.batch-size}") int batchSize) {
        this.relay = relay;
        this.publisher = publisher;
        this.batchSize = batchSize;
    }

    /**
     * @param budget how long it may take; never past the invocation's deadline less {@code margin}
     * @return what was relayed; nothing without a queue
     */
    public Result drain(Duration budget, Duration margin) {
        if (!publisher.configured()) {
            return new Result(0, 0);
        }
        long stopAt = System.nanoTime()
            + Math.min(budget.toNanos(), Duration.ofMillis(Deadline.remainingMillis()).minus(margin).toNanos());
        int published = 0;
        int failedBatches = 0;
        while (System.nanoTime() < stopAt) {
            OutboxRelay.Batch batch;
            try {
                batch = relay.relayBatch(batchSize, Duration.ofNanos(Math.max(1_000_000, stopAt - System.nanoTime())));
            } catch (RuntimeException e) {
                // The queue or the database is out of reach: the events stay pending for the next drain.
                LOG.atWarn().addKeyValue("reason", e.getClass().getSimpleName()).log("outbox relay failed");
                failedBatches++;
                break;
            }
            published += batch.published();
            // A batch takes one event per aggregate at most, so a short batch does not mean an empty outbox.
            if (batch.claimed() == 0 || batch.published() < batch.claimed()) {
                break;
            }
        }
        return new Result(published, failedBatches);
    }

    /** @return events still pending; null without a queue */
    public @Nullable Long pending() {
        return publisher.configured() ? relay.pending() : null;
    }

    /**
     * @param published     events the queue accepted
     * @param failedBatches batches that could not be relayed
     */
    public record Result(int published, int failedBatches) {
    }
}
