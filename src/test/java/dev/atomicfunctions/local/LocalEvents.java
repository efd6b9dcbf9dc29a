package dev.atomicfunctions.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.atomicfunctions.jobs.ScheduledHandler;
import dev.atomicfunctions.queue.QueueHandler;
import dev.atomicfunctions.support.AwsSamples;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.support.TestQueue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The event side of the stack, locally: the real queue handler fed by the event source emulation (as Lambda's SQS
 * event source mapping would), and the real scheduled handler every minute (as EventBridge Scheduler would). Placing
 * an order through the local API puts {@code order.placed} on the queue at once; the consumer turns it into the
 * warehouse's fulfilment task, which {@code GET /tasks} as {@code X-Dev-Subject: warehouse} shows.
 */
final class LocalEvents {

    private LocalEvents() {
    }

    static void start(TestQueue.Queues queues) {
        QueueHandler consumer = new QueueHandler();
        LocalEventSource source = new LocalEventSource(queues.client(), queues.events(), consumer);
        Thread.ofPlatform().daemon().name("local-event-source").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    source.pollOnce(5);
                } catch (RuntimeException e) {
                    System.err.println("local event source: " + e);
                    sleep();
                }
            }
        });
        ScheduledHandler jobs = new ScheduledHandler();
        ScheduledEvent tick = AwsSamples.read(() -> EventLoader.loadScheduledEvent(
            "aws-events/eventbridge-scheduled-event.json"));
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
            .name("local-schedule").factory());
        schedule.scheduleWithFixedDelay(() -> jobs.handleRequest(tick, new TestLambdaContext("scheduled-jobs")),
            1, 1, TimeUnit.MINUTES);
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
