package dev.atomicfunctions.support;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JUnit extension giving a test class the real SQS-compatible server of this test JVM: ElasticMQ, in process on a
 * loopback port, driven by the real AWS SDK v2 client. Its events queue is FIFO, with a dead-letter queue after
 * {@value #MAX_RECEIVE_COUNT} receives, as the stack's. Published as system properties, so that functions built
 * afterwards relay their outbox to it ({@code atomic.outbox.queue-url}, {@code atomic.outbox.endpoint}).
 */
public final class TestQueue implements BeforeAllCallback {

    /** Receives before a message goes to the dead-letter queue (the stack uses 6; tests need fewer). */
    public static final int MAX_RECEIVE_COUNT = 3;

    private static Queues queues;

    /**
     * @param endpoint the server's URL
     * @param events   the events queue's URL (FIFO)
     * @param deadLetters the dead-letter queue's URL
     * @param client   a client for it
     */
    public record Queues(String endpoint, String events, String deadLetters, SqsClient client) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
    }

    /** @return the started server's queues */
    public static synchronized Queues get() {
        if (queues == null) {
            queues = start(0);
            publish(queues);
        }
        return queues;
    }

    /** Starts ElasticMQ on the port (0: any free one) and creates the queues. */
    public static Queues start(int port) {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).start();
        int boundPort = server.waitUntilStarted().localAddress().getPort();
        String endpoint = "http://127.0.0.1:" + boundPort;
        SqsClient client = client(endpoint);
        String deadLetters = client.createQueue(q -> q.queueName("events-dlq.fifo")
            .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
        String deadLetterArn = client.getQueueAttributes(a -> a.queueUrl(deadLetters)
            .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String events = client.createQueue(q -> q.queueName("events.fifo").attributes(Map.of(
            QueueAttributeName.FIFO_QUEUE, "true",
            QueueAttributeName.VISIBILITY_TIMEOUT, "1",
            QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + deadLetterArn
                + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}"))).queueUrl();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndWait));
        return new Queues(endpoint, events, deadLetters, client);
    }

    /** @return a real SDK client for the local server (ElasticMQ checks no signature; the SDK needs some keys) */
    public static SqsClient client(String endpoint) {
        return SqsClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    }

    /** @return the queue's messages, received and deleted (up to {@code max}, waiting up to a second) */
    public static List<Message> drain(String queueUrl, int max) {
        List<Message> all = new ArrayList<>();
        SqsClient client = get().client();
        while (all.size() < max) {
            var received = client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageSystemAttributeNamesWithStrings("All")).messages();
            if (received.isEmpty()) {
                break;
            }
            for (var message : received) {
                client.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                all.add(message);
            }
        }
        return all;
    }

    /**
     * What SQS's message move task ({@code StartMessageMoveTask}, the dead-letter queue's redrive) does, for a FIFO
     * queue, which ElasticMQ's own task does not move: each message of {@code fromUrl}, oldest first, is sent to
     * {@code toUrl} with its body and message group, as a new message (SQS gives a redriven message a new id and
     * receive count; its de-duplication id is its id in the dead-letter queue), then deleted from {@code fromUrl}.
     *
     * @return how many messages were moved
     */
    public static int moveMessages(String fromUrl, String toUrl) {
        SqsClient client = get().client();
        int moved = 0;
        while (true) {
            List<Message> received = client.receiveMessage(r -> r.queueUrl(fromUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageSystemAttributeNamesWithStrings("All")).messages();
            if (received.isEmpty()) {
                return moved;
            }
            for (Message message : received) {
                client.sendMessage(m -> m.queueUrl(toUrl).messageBody(message.body())
                    .messageGroupId(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                    .messageDeduplicationId(message.messageId()));
                client.deleteMessage(d -> d.queueUrl(fromUrl).receiptHandle(message.receiptHandle()));
                moved++;
            }
        }
    }

    /**
     * Functions built from now on relay their outbox to this server, as the deployed ones do to SQS, and the
     * consumer delays the redelivery of its transient failures on its events queue.
     */
    public static void publish(Queues started) {
        System.setProperty("atomic.outbox.queue-url", started.events());
        System.setProperty("atomic.outbox.endpoint", started.endpoint());
        System.setProperty("atomic.queue.url", started.events());
        System.setProperty("atomic.queue.endpoint", started.endpoint());
        System.setProperty("aws.region", "us-east-1");
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }
}
