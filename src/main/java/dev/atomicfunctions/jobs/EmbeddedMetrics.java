package dev.atomicfunctions.jobs;

import dev.atomicfunctions.platform.invocation.Deadline;

/**
 * CloudWatch's embedded metric format: a JSON line on stdout that CloudWatch Logs turns into a metric, with no API
 * call and no SDK. The outbox backlog alarm reads {@code AtomicFunctions/OutboxBacklog}.
 */
final class EmbeddedMetrics {

    private EmbeddedMetrics() {
    }

    static void outboxBacklog(Long pending) {
        if (pending == null) {
            return;
        }
        // Printed directly: EMF needs the metric object to be the whole log line, not a field of a log event.
        System.out.println("{\"_aws\":{\"Timestamp\":" + System.currentTimeMillis() + ",\"CloudWatchMetrics\":[{"
            + "\"Namespace\":\"AtomicFunctions\",\"Dimensions\":[[]],\"Metrics\":[{\"Name\":\"OutboxBacklog\","
            + "\"Unit\":\"Count\"}]}]},\"OutboxBacklog\":" + pending + ",\"remainingMs\":" + Deadline.remainingMillis()
            + "}");
    }
}
