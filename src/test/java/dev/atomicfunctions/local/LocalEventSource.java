package dev.atomicfunctions.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.queue.QueueHandler;
import dev.atomicfunctions.support.TestLambdaContext;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Lambda's SQS event source mapping does, on localhost: receives a batch from the queue, turns it into the
 * {@link SQSEvent} Lambda would deliver (attributes included: group id, receive count), invokes the real
 * {@link QueueHandler}, and deletes the messages the handler did not report as failed. Failed ones become visible
 * again after the queue's visibility timeout and, after {@code maxReceiveCount} receives, go to the dead-letter queue.
 */
public final class LocalEventSource {

    private final SqsClient client;
    private final String queueUrl;
    private final QueueHandler handler;

    public LocalEventSource(SqsClient client, String queueUrl, QueueHandler handler) {
        this.client = client;
        this.queueUrl = queueUrl;
        this.handler = handler;
    }

    /** One poll: @return how many messages were received */
    public int pollOnce(int waitSeconds) {
        List<Message> received = client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
            .waitTimeSeconds(waitSeconds).messageSystemAttributeNamesWithStrings("All")).messages();
        if (received.isEmpty()) {
            return 0;
        }
        SQSBatchResponse response = handler.handleRequest(event(received), new TestLambdaContext("queue-consumer"));
        Set<String> failed = new HashSet<>();
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        for (Message message : received) {
            if (!failed.contains(message.messageId())) {
                client.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return received.size();
    }

    /** @return the event Lambda would deliver for these messages */
    public static SQSEvent event(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(message -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setAttributes(Map.copyOf(message.attributesAsStrings()));
            record.setEventSource("aws:sqs");
            record.setAwsRegion("us-east-1");
            return record;
        }).toList());
        return event;
    }
}
