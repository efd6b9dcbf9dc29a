package dev.atomicfunctions.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * A queue drained by a function, ready for the SQS consumer issue to switch on with one line:
 * {@code new QueueConsumer(this, "Orders", functions.create(...), alarms)}.
 *
 * <p>Batches report their failed items ({@code ReportBatchItemFailures}), so one bad message is retried alone and
 * its batch mates are not; after {@value #MAX_RECEIVES} receives it is parked in the dead-letter queue (kept 14
 * days, alarmed on the first message). The visibility timeout is six times the function's timeout, AWS's advice,
 * so a message is never handed out twice while a retried batch is still running.
 */
final class QueueConsumer extends Construct {

    static final int MAX_RECEIVES = 5;
    static final int BATCH_SIZE = 10;

    private final Queue queue;
    private final Queue deadLetters;

    QueueConsumer(Construct scope, String id, AtomicFunction consumer, Alarms alarms) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
            .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
        queue = Queue.Builder.create(this, "Queue")
            .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
            .visibilityTimeout(Duration.seconds(consumer.settings().timeout().toSeconds().intValue() * 6))
            .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
            .build();
        consumer.live().addEventSource(SqsEventSource.Builder.create(queue)
            .batchSize(BATCH_SIZE)
            .reportBatchItemFailures(true)
            .build());
        Suppressions.deadLetterQueue(deadLetters);
        Suppressions.sqsEventSource(consumer.live());
        alarms.watchDeadLetters(id, deadLetters);
    }

    /** @return the queue producers send to */
    Queue queue() {
        return queue;
    }
}
