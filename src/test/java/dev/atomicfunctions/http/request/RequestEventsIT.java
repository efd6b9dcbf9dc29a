package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.context.event.HttpRequestReceivedEvent;
import io.micronaut.http.context.event.HttpRequestTerminatedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployed handler's context ({@link HttpApiContextBuilder}) keeps each event type's publisher: the request
 * events still reach their listeners (Micronaut's request scope is one), on every request, not only the first.
 */
@ExtendWith(TestDatabase.class)
class RequestEventsIT {

    @Test
    void deliversBothRequestEventsOfEveryRequestToTheirListeners() {
        try (HttpApiFunction function = new HttpApiFunction()) {
            Received received = new Received();
            Terminated terminated = new Terminated();
            function.getApplicationContext().registerSingleton(received).registerSingleton(terminated);

            for (int i = 0; i < 3; i++) {
                APIGatewayV2HTTPResponse response = function.handleRequest(
                    Events.v2("GET", "/tasks", "events-" + i, null), new TestLambdaContext("tasks-api"));
                assertThat(response.getStatusCode()).isEqualTo(200);
            }

            assertThat(received.paths).containsExactly("/tasks", "/tasks", "/tasks");
            assertThat(terminated.paths).containsExactly("/tasks", "/tasks", "/tasks");
        }
    }

    private static final class Received implements ApplicationEventListener<HttpRequestReceivedEvent> {
        final List<String> paths = new ArrayList<>();

        @Override
        public void onApplicationEvent(HttpRequestReceivedEvent event) {
            paths.add(event.getSource().getPath());
        }
    }

    private static final class Terminated implements ApplicationEventListener<HttpRequestTerminatedEvent> {
        final List<String> paths = new ArrayList<>();

        @Override
        public void onApplicationEvent(HttpRequestTerminatedEvent event) {
            paths.add(event.getSource().getPath());
        }
    }
}
