package dev.atomicfunctions.jobs;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.atomicfunctions.support.TestLambdaContext;

import java.util.Map;

/** Runs the real {@link ScheduledHandler}, built as Lambda builds it, on AWS's EventBridge scheduled-event sample. */
public final class ScheduledRuns {

    public static final String SAMPLE = "aws-events/eventbridge-scheduled-event.json";

    private ScheduledRuns() {
    }

    /** @return the run's summary; a fresh handler (a fresh environment) each time, so runs can overlap */
    public static Map<String, Object> runOnce() {
        ScheduledEvent event = EventLoader.loadScheduledEvent(SAMPLE);
        try (ScheduledHandler handler = new ScheduledHandler()) {
            return handler.handleRequest(event, new TestLambdaContext("scheduled-jobs"));
        }
    }
}
