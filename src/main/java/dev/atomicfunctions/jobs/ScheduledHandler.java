package dev.atomicfunctions.jobs;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.atomicfunctions.platform.invocation.InvocationEnd;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * Lambda entry point of the scheduled function (EventBridge Scheduler): one run of the jobs per invocation. The
 * work is delegated to beans, where AOP (transactions, retries) applies.
 */
public class ScheduledHandler extends MicronautRequestHandler<ScheduledEvent, Map<String, Object>> {

    @Inject
    ScheduledJobs jobs;

    /** As Lambda builds it. */
    public ScheduledHandler() {
    }

    /** With a context of the caller's (tests). */
    public ScheduledHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(ScheduledEvent event) {
        try {
            return jobs.run(event == null ? null : event.getId());
        } finally {
            InvocationEnd.clear();
        }
    }
}
