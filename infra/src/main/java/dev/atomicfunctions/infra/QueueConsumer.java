package dev.atomicfunctions.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.ManagedPolicy;
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
 * a retried batch is still running.
 *
 * <p>A message that failed for a transient reason (the database unavailable) is hidden by the consumer itself for
 * {@link #TRANSIENT_DELAY} doubled at each receive ({@link #delaySecondsAfter}: 30 s, 60 s, 120 s, ...). Its last
 * receive then comes {@link #outageCovered()} (15.5 minutes) after its first: an outage three times as long as a
 * 5-minute one sends no valid message to the dead-letter queue (with 5 receives it would be 7.5 minutes). A message
 * failing for a reason of its own (malformed, refused) is not delayed: it comes back after the visibility timeout
 * and is parked after its {@value #MAX_RECEIVES} receives, within 18 minutes. Both queues are encrypted (SQS-managed keys), refuse plain HTTP, and keep a
 * message 14 days: an outage of the consumer loses nothing for two weeks.
 */
final class QueueConsumer extends Construct {

    static final int MAX_RECEIVES = 6;
    /** The consumer's first delay after a transient failure, doubled at each receive. */
    static final java.time.Duration TRANSIENT_DELAY = java.time.Duration.ofSeconds(30);
    /** SQS's ceiling on a visibility timeout. */
    static final java.time.Duration MAX_VISIBILITY = java.time.Duration.ofHours(12);
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
    private final AtomicFunction consumer;

    QueueConsumer(Construct scope, String id, AtomicFunction consumer, Alarms alarms) {
        super(scope, id);
        this.consumer = consumer;
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
        // attributes). Lambda's pollers run outside the VPC; the consumer's own calls (delaying a transient failure,
        // sqs:ChangeMessageVisibility, the grant's third action) go through the endpoint (holdBackTransientFailures).
        consumer.live().addEventSource(SqsEventSource.Builder.create(queue)
            .batchSize(BATCH_SIZE)
            .reportBatchItemFailures(true)
            .maxConcurrency(MAX_CONCURRENCY)
            .build());
        Suppressions.deadLetterQueue(deadLetters, "the redrive target of the " + id + " queue");
        Suppressions.sqsEventSource(consumer.live());
        alarms.watchDeadLetters(id, deadLetters);
        alarms.watchOldestMessage(id, queue, MAX_AGE);
        redriveBy(id, deadLetters);
    }

    /**
     * What an operator needs, and nothing more, to move the dead-letter queue back to this queue after an outage
     * ({@code aws sqs start-message-move-task}, SQS's redrive): start, list and cancel the move on the dead-letter
     * queue, the receive and delete SQS makes there on the caller's behalf, and the send to this queue. A managed
     * policy for the operators' own role or group to attach (README, "Moving the dead letters back"); the ARNs the
     * command takes and the policy's are stack outputs.
     */
    private void redriveBy(String id, Queue deadLetters) {
        ManagedPolicy operator = ManagedPolicy.Builder.create(this, "RedriveOperator")
            .description("Move the " + id + " dead-letter queue back to its queue (SQS redrive), and nothing else")
            .statements(List.of(
                PolicyStatement.Builder.create().sid("MoveTheDeadLetters")
                    .actions(List.of("sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks",
                        "sqs:CancelMessageMoveTask", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                        "sqs:GetQueueAttributes"))
                    .resources(List.of(deadLetters.getQueueArn()))
                    .build(),
                PolicyStatement.Builder.create().sid("BackToTheQueue")
                    .actions(List.of("sqs:SendMessage"))
                    .resources(List.of(queue.getQueueArn()))
                    .build()))
            .build();
        output(id + "QueueArn", queue.getQueueArn(), id + " queue: the redrive's --destination-arn");
        output(id + "DeadLettersArn", deadLetters.getQueueArn(), id + " dead-letter queue: the redrive's --source-arn");
        output(id + "RedrivePolicyArn", operator.getManagedPolicyArn(),
            "Attach to the operators' role to move the " + id + " dead letters back");
    }

    /** An output named as the README names it (not with the hash CDK appends to a nested construct's ids). */
    private void output(String name, String value, String description) {
        CfnOutput.Builder.create(this, name).value(value).description(description).build().overrideLogicalId(name);
    }

    /**
     * Lets {@code producers} relay their outbox to this queue: its URL as {@code OUTBOX_QUEUE_URL}, {@code
     * sqs:SendMessage} on this queue only (what {@code SendMessageBatch} needs; they never read or create queues),
     * and a policy on the VPC's SQS endpoint that lets these roles send to this queue and does nothing else: a
     * function cannot use the endpoint to reach any other queue, in this account or another. With no endpoint (null: on
     * DSQL the functions run outside any VPC and reach SQS's public endpoint), the grant alone.
     */
    void relayOutboxFrom(InterfaceVpcEndpoint endpoint, AtomicFunction... producers) {
        List<IPrincipal> roles = new ArrayList<>();
        for (AtomicFunction producer : producers) {
            producer.function().addEnvironment("OUTBOX_QUEUE_URL", queue.getQueueUrl());
            queue.grant(producer.function(), "sqs:SendMessage");
            roles.add(producer.function().getRole());
            // The new code goes live only once the endpoint is there: before it, every relay would wait out its
            // timeout (the functions' security group reaches nothing else), and the API's answers with it.
            if (endpoint != null) {
                producer.live().getNode().addDependency(endpoint);
            }
        }
        if (endpoint == null) {
            return;
        }
        endpoint.addToPolicy(PolicyStatement.Builder.create()
            .principals(roles)
            .actions(List.of("sqs:SendMessage"))
            .resources(List.of(queue.getQueueArn()))
            .build());
    }

    /**
     * Lets the consumer delay the redelivery of its transient failures: this queue's URL as {@code
     * CONSUMER_QUEUE_URL} and the first delay as {@code QUEUE_TRANSIENT_DELAY}; {@code sqs:ChangeMessageVisibility} on
     * this queue is already the consumer's (the event source mapping's grant); the VPC's SQS endpoint lets the
     * consumer's role change visibility on this queue, and nothing else. With no endpoint (null, on DSQL), the grant
     * alone.
     */
    void holdBackTransientFailuresThrough(InterfaceVpcEndpoint endpoint) {
        consumer.function().addEnvironment("CONSUMER_QUEUE_URL", queue.getQueueUrl());
        consumer.function().addEnvironment("QUEUE_TRANSIENT_DELAY", TRANSIENT_DELAY.toSeconds() + "s");
        if (endpoint == null) {
            return;
        }
        endpoint.addToPolicy(PolicyStatement.Builder.create()
            .principals(List.of(consumer.function().getRole()))
            .actions(List.of("sqs:ChangeMessageVisibility"))
            .resources(List.of(queue.getQueueArn()))
            .build());
        // Before the endpoint exists, each delay would wait out its timeout: the new code goes live after it.
        consumer.live().getNode().addDependency(endpoint);
    }

    /** @return how long a message failing transiently on {@code receives}' receive stays hidden (as the consumer) */
    static long delaySecondsAfter(int receives) {
        return Math.min(TRANSIENT_DELAY.toSeconds() << Math.min(receives - 1, 30), MAX_VISIBILITY.toSeconds());
    }

    /**
     * @return the longest outage a message survives: from its first receive to its last, the delays after each
     *     receive but the last (the next receive after the last failed one parks it)
     */
    static java.time.Duration outageCovered() {
        long seconds = 0;
        for (int receive = 1; receive < MAX_RECEIVES; receive++) {
            seconds += delaySecondsAfter(receive);
        }
        return java.time.Duration.ofSeconds(seconds);
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
