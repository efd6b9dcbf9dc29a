package dev.atomicfunctions.jobs;

import dev.atomicfunctions.idempotency.IdempotencyPurge;
import dev.atomicfunctions.order.ExpireOrders;
import dev.atomicfunctions.outbox.OutboxDrain;
import dev.atomicfunctions.platform.invocation.Deadline;
import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.logging.LogFields;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The scheduled run: expire orders left PLACED longer than {@code ORDER_EXPIRY} (one transaction per order), relay
 * the outbox (the safety net of the relay after each commit), purge expired idempotency and de-duplication records.
 * Each works in bounded batches, each batch its own transaction, and stops with {@code atomic.jobs.deadline-margin}
 * left before Lambda would stop the invocation. Two runs at once share the work: expiry and relay skip what the
 * other holds. One structured summary line per run.
 */
@Singleton
final class ScheduledJobs {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledJobs.class);

    private final ExpireOrders expiry;
    private final OutboxDrain outbox;
    private final IdempotencyPurge purge;
    private final Clock clock;
    private final Duration orderExpiry;
    private final int batchSize;
    private final Duration margin;

    ScheduledJobs(ExpireOrders expiry, OutboxDrain outbox, IdempotencyPurge purge, Clock clock,
                  @Value("${atomic.orders.expiry}") Duration orderExpiry,
                  @Value("${atomic.jobs.batch-size}") int batchSize,
                  @Value("${atomic.jobs.deadline-margin}") Duration margin) {
        this.expiry = expiry;
        this.outbox = outbox;
        this.purge = purge;
        this.clock = clock;
        this.orderExpiry = orderExpiry;
        this.batchSize = batchSize;
        this.margin = margin;
    }

    /** @return the run's summary, as logged */
    Map<String, Object> run(String eventId) {
        long start = System.nanoTime();
        Invocation invocation = new Invocation(Invocation.systemSubject("scheduler"), Invocation.Origin.SCHEDULE,
            eventId, eventId == null ? UUID.randomUUID().toString() : eventId, MDC.get(LogFields.LAMBDA_REQUEST_ID),
            Set.of(), Set.of());
        LogFields.put(invocation);
        try {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("expiredOrders", expireOrders(invocation));
            OutboxDrain.Result relayed = outbox.drain(Duration.ofMillis(Deadline.remainingMillis()), margin);
            summary.put("relayedEvents", relayed.published());
            summary.put("purgedRecords", purgeRecords());
            Long pending = outbox.pending();
            summary.put("pendingEvents", pending);
            summary.put("ordersStillDue", expiry.due(clock.instant().minus(orderExpiry), batchSize).size());
            summary.put("stoppedForDeadline", !timeLeft());
            summary.put("durationMs", (System.nanoTime() - start) / 1_000_000);
            LOG.atInfo().addKeyValue("summary", summary).log("scheduled run done: {}", summary);
            EmbeddedMetrics.outboxBacklog(pending);
            return summary;
        } finally {
            LogFields.clear();
        }
    }

    private int expireOrders(Invocation invocation) {
        int expired = 0;
        while (timeLeft()) {
            List<UUID> due = expiry.due(clock.instant().minus(orderExpiry), batchSize);
            int before = expired;
            for (UUID id : due) {
                if (!timeLeft()) {
                    return expired;
                }
                try {
                    expired += expiry.expire(invocation, id) ? 1 : 0;
                } catch (RuntimeException e) {
                    // One order's failure is that order's: logged, and tried again next run.
                    LOG.atWarn().addKeyValue("orderId", id).addKeyValue("reason", e.getClass().getSimpleName())
                        .log("order not expired");
                }
            }
            if (due.size() < batchSize || expired == before) {
                return expired;
            }
        }
        return expired;
    }

    private int purgeRecords() {
        int purged = 0;
        while (timeLeft()) {
            int batch = purge.purgeBatch(batchSize * 20);
            purged += batch;
            if (batch < batchSize * 20) {
                break;
            }
        }
        return purged;
    }

    private boolean timeLeft() {
        return Deadline.remainingMillis() > margin.toMillis();
    }
}
