package dev.atomicfunctions.support;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.local.LocalEventSource;
import dev.atomicfunctions.queue.QueueHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event half on real components, shared by the tests that follow an order through it: the API handler behind
 * the local gateway (its outbox relayed after each commit), ElasticMQ (real SQS protocol and SDK client), the event
 * source emulation, and the real queue handler. The HTTP exchanges are checked against the OpenAPI document at the end.
 */
@ExtendWith({TestDatabase.class, TestQueue.class})
public abstract class EventPipelineTest {

    /** The warehouse's subject: the owner of every fulfilment task. */
    protected static final String WAREHOUSE = "warehouse";
    protected static LocalApiGateway gateway;
    protected static Http http;
    protected static QueueHandler consumer;
    protected static LocalEventSource eventSource;
    protected final String buyer = "buyer-" + UUID.randomUUID();

    @BeforeAll
    static void startThePipeline() throws IOException {
        gateway = LocalApiGateway.start(0);
        http = new Http(gateway.port());
        consumer = new QueueHandler();
        eventSource = new LocalEventSource(TestQueue.get().client(), TestQueue.get().events(), consumer);
    }

    @AfterAll
    static void stopThePipeline() {
        gateway.close();
        consumer.close();
        OpenApiContract.load().assertDescribes(http.exchanges());
    }

    /** @return the id of an order of one unit of the product, placed by {@link #buyer} */
    protected String placeOrder(UUID product) {
        Http.Response placed = http.send("POST", "/orders", buyer,
            "{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1}]}");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return (String) placed.json().get("id");
    }

    /** Delivers these messages to the queue handler as one SQS event. */
    protected static SQSBatchResponse consume(List<Message> messages) {
        return consumer.handleRequest(LocalEventSource.event(messages), new TestLambdaContext("queue-consumer"));
    }

    /** Polls the events queue into the handler until it has nothing visible left. */
    protected static void pollUntilEmpty() {
        while (eventSource.pollOnce(1) > 0) {
            // Until the queue has nothing visible left.
        }
    }
}
