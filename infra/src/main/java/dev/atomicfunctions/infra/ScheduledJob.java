package dev.atomicfunctions.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.scheduler.targets.ScheduleTargetBaseProps;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * An EventBridge Scheduler schedule invoking a function's {@code live} alias:
 * {@code new ScheduledJob(this, "Jobs", functions.create(...), ScheduleExpression.rate(...), alarms)}.
 *
 * <p>An invocation Scheduler cannot deliver is retried (up to {@value #RETRIES} times within an hour), and a run
 * that fails is retried twice by Lambda; either way the event then lands in a dead-letter queue, which is alarmed:
 * a job that keeps failing is seen, not silently skipped.
 */
final class ScheduledJob extends Construct {

    static final int RETRIES = 3;

    ScheduledJob(Construct scope, String id, AtomicFunction job, ScheduleExpression when, Alarms alarms) {
        super(scope, id);
        Queue deadLetters = Queue.Builder.create(this, "DeadLetters")
            .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
        Schedule.Builder.create(this, "Schedule")
            .schedule(when)
            .description(job.settings().description())
            .target(new LambdaInvoke(job.live(), ScheduleTargetBaseProps.builder()
                .retryAttempts(RETRIES).maxEventAge(Duration.hours(1))
                .deadLetterQueue(deadLetters)
                .build()))
            .build();
        // Scheduler invokes asynchronously: once Lambda's own retries of a failed run are spent, the event is parked
        // in the same queue instead of being dropped.
        job.live().configureAsyncInvoke(EventInvokeConfigOptions.builder()
            .retryAttempts(2).onFailure(new SqsDestination(deadLetters)).build());
        Suppressions.deadLetterQueue(deadLetters, "of the " + id + " schedule and of the function's asynchronous"
            + " invocations");
        alarms.watchDeadLetters(id, deadLetters);
    }
}
