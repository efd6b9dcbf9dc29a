package dev.atomicfunctions.support;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SQS events for the queue consumer: AWS's own sample records (loaded with the runtime's serializer), their bodies
 * replaced by message fixtures from {@code src/test/resources/messages} with {@code ${name}} placeholders filled.
 */
public final class Messages {

    public static final String SQS_SAMPLE = "aws-events/sqs-three-records-json-bodies.json";
    public static final String SQS_FIFO_SAMPLE = "aws-events/sqs-fifo-three-records.json";

    private Messages() {
    }

    /** @return a message fixture with its placeholders filled */
    public static String body(String fixture, Map<String, String> values) {
        try (InputStream in = Messages.class.getResourceAsStream("/messages/" + fixture)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("${" + value.getKey() + "}", value.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(fixture, e);
        }
    }

    /**
     * @param bodies the bodies, one record each
     * @param groups the FIFO message group of each record, or null for a standard queue
     * @return an SQS event shaped like AWS's sample, with fresh message ids
     */
    public static SQSEvent event(List<String> bodies, List<String> groups) {
        SQSEvent sample = AwsSamples.read(
            () -> EventLoader.loadSQSEvent(groups == null ? SQS_SAMPLE : SQS_FIFO_SAMPLE));
        SQSEvent.SQSMessage template = sample.getRecords().getFirst();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(UUID.randomUUID().toString());
            record.setReceiptHandle(template.getReceiptHandle());
            record.setBody(bodies.get(i));
            Map<String, String> attributes = new HashMap<>(template.getAttributes());
            if (groups != null) {
                attributes.put("MessageGroupId", groups.get(i));
            }
            record.setAttributes(attributes);
            record.setEventSource(template.getEventSource());
            record.setEventSourceArn(template.getEventSourceArn());
            record.setAwsRegion(template.getAwsRegion());
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
