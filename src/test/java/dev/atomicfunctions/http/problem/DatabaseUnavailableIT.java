package dev.atomicfunctions.http.problem;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import dev.atomicfunctions.http.request.HttpApiFunction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A function whose database cannot be reached answers 503 with Retry-After, quickly, and says nothing internal. */
class DatabaseUnavailableIT {

    @Test
    void answers503WithRetryAfterWhenNoConnectionCanBeHad() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        APIGatewayV2HTTPResponse response;
        try (HttpApiFunction handler = new HttpApiFunction(
            new LambdaApplicationContextBuilder().properties(Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/atomic",
                "datasources.default.connection-timeout", 1000)).build())) {
            response = handler.handleRequest(Events.v2("POST", "/tasks", "someone", "{\"title\":\"t\"}"),
                new TestLambdaContext("tasks-api"));
        }

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "2")
            .containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).contains("\"status\":503")
            .doesNotContain("127.0.0.1", "Connection", "postgresql", "refused");
    }
}
