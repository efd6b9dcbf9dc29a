package dev.atomicfunctions.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;

/**
 * A FIFO queue drained by a function: {@code new QueueConsumer(this, "Events", functions.create(...), alarms)}.
 *
 * <p>FIFO, because the application's events must arrive in commit order per aggregate: producers set the message
 * group (the aggregate) and the de-duplication id (the event id) themselves, so content-based de-duplication is off
 * (two events with the same body are still two events). Batches report their failed items
 * ({@code ReportBatchItemFailures}), so one bad message is retried alone and only its own group waits; after
 * {@value #MAX_RECEIVES} receives it is parked in the FIFO dead-letter queue (alarmed on the first message). The
 * visibility timeout is six times the function's timeout, AWS's advice, so a message is never handed out twice while
 * a retried batch is still running. Both queues are encrypted (SQS-managed keys), refuse plain HTTP, and keep a
 * message 14 days: an outage of the consumer loses nothing for two weeks.
 */
final class QueueConsumer extends Construct {

    static final int MAX_RECEIVES = 5;
    static final int BATCH_SIZE = 10;
    /**
     * At most this many consumer environments at once. The consumer shares the database (and the proxy's
     * connections) with the API: working off a backlog must not starve the requests of people waiting for an answer.
     */
    static final int MAX_CONCURRENCY = 5;
    /** A message older than this is late: the consumer is failing, throttled or cannot keep up. */
    static final Duration MAX_AGE = Duration.minutes(5);
    static final Duration RETENTION = Duration.days(14);

    private final Queue queue;

    QueueConsumer(Construct scope, String id, AtomicFunction consumer, Alarms alarms) {
        super(scope, id);
        Queue deadLetters = Queue.Builder.create(this, "DeadLetters")
            .queueName(fifoName(id + "DeadLetters"))
            .fifo(true).contentBasedDeduplication(false)
            .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
            .retentionPeriod(RETENTION)
            .build();
        queue = Queue.Builder.create(this, "Queue")
            .queueName(fifoName(id))
            .fifo(true).contentBasedDeduplication(false)
            .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
            .retentionPeriod(RETENTION)
            .visibilityTimeout(Duration.seconds(consumer.settings().timeout().toSeconds().intValue() * 6))
            .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVES).build())
            .build();
        // Grants the consumer's role what the mapping needs on this queue alone (receive, delete, change visibility,
        // attributes); Lambda's pollers run outside the VPC, so the consumer needs no endpoint.
        consumer.live().addEventSource(SqsEventSource.Builder.create(queue)
            .batchSize(BATCH_SIZE)
            .reportBatchItemFailures(true)
            .maxConcurrency(MAX_CONCURRENCY)
            .build());
        Suppressions.deadLetterQueue(deadLetters, "the redrive target of the " + id + " queue");
        Suppressions.sqsEventSource(consumer.live());
        alarms.watchDeadLetters(id, deadLetters);
        alarms.watchOldestMessage(id, queue, MAX_AGE);
    }

    /**
     * Lets {@code producers} relay their outbox to this queue: its URL as {@code OUTBOX_QUEUE_URL}, {@code
     * sqs:SendMessage} on this queue only (what {@code SendMessageBatch} needs; they never read or create queues),
     * and a policy on the VPC's SQS endpoint that lets these roles send to this queue and does nothing else: a
     * function cannot use the endpoint to reach any other queue, in this account or another.
     */
    void relayOutboxFrom(InterfaceVpcEndpoint endpoint, AtomicFunction... producers) {
        List<IPrincipal> roles = new ArrayList<>();
        for (AtomicFunction producer : producers) {
            producer.function().addEnvironment("OUTBOX_QUEUE_URL", queue.getQueueUrl());
            queue.grant(producer.function(), "sqs:SendMessage");
            roles.add(producer.function().getRole());
            // The new code goes live only once the endpoint is there: before it, every relay would wait out its
            // timeout (the functions' security group reaches nothing else), and the API's answers with it.
            producer.live().getNode().addDependency(endpoint);
        }
        endpoint.addToPolicy(PolicyStatement.Builder.create()
            .principals(roles)
            .actions(List.of("sqs:SendMessage"))
            .resources(List.of(queue.getQueueArn()))
            .build());
    }

    /** @return the queue producers send to */
    Queue queue() {
        return queue;
    }

    /**
     * A fixed name, so that it ends in {@code .fifo} (SQS requires it, and the application's publisher recognises a
     * FIFO queue by its URL) and is unique per stack. Only the name and the queue type force a replacement, and
     * neither changes.
     */
    private String fifoName(String name) {
        String stack = Stack.of(this).getStackName();
        String full = stack + "-" + name + ".fifo";
        if (!Token.isUnresolved(stack) && full.length() > 80) {
            throw new IllegalArgumentException("queue name longer than SQS's 80 characters: " + full);
        }
        return full;
    }
}
