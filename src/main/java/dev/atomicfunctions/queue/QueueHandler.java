package dev.atomicfunctions.queue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.atomicfunctions.platform.invocation.InvocationEnd;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Lambda entry point of the queue consumer: an SQS event source mapping with {@code ReportBatchItemFailures}
 * invokes it with a batch and gets back the messages to redeliver. The work is delegated to a bean, where AOP
 * (transactions, retries) applies.
 */
public class QueueHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    BatchConsumer consumer;

    /** As Lambda builds it. */
    public QueueHandler() {
    }

    /** With a context of the caller's (tests). */
    public QueueHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        try {
            return consumer.consume(event == null || event.getRecords() == null ? List.of() : event.getRecords());
        } finally {
            InvocationEnd.clear();
        }
    }
}
