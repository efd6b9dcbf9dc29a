package dev.atomicfunctions.jobs;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.atomicfunctions.support.AwsSamples;
import dev.atomicfunctions.support.SystemProperties;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.support.TestQueue;

import java.util.Map;

/** Runs the real {@link ScheduledHandler}, built as Lambda builds it, on AWS's EventBridge scheduled-event sample. */
public final class ScheduledRuns {

    public static final String SAMPLE = "aws-events/eventbridge-scheduled-event.json";

    private ScheduledRuns() {
    }

    /** @return the run's summary; a fresh handler (a fresh environment) each time, so runs can overlap */
    public static Map<String, Object> runOnce() {
        return runOnce(Map.of());
    }

    /** @return the run's summary, the handler built with these properties over the test database's */
    public static Map<String, Object> runOnce(Map<String, String> properties) {
        ScheduledEvent event = AwsSamples.read(() -> EventLoader.loadScheduledEvent(SAMPLE));
        try (ScheduledHandler handler = SystemProperties.during(properties, ScheduledHandler::new)) {
            return handler.handleRequest(event, new TestLambdaContext("scheduled-jobs"));
        }
    }

    /**
     * Relays whatever events other tests left pending in the outbox, then empties both queues: a test that consumes
     * the queue then sees its own messages only (the API and the consumer relay the whole outbox after each commit,
     * whoever's events are pending).
     */
    public static void relayPendingAndEmptyTheQueues() {
        runOnce();
        TestQueue.drain(TestQueue.get().events(), 10_000);
        TestQueue.drain(TestQueue.get().deadLetters(), 10_000);
    }
}
