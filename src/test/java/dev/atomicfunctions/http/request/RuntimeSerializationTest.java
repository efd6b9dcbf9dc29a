package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.support.Events;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda runtime's serialization library is on the test class path (through {@code aws-lambda-java-tests}), as
 * it is beside the function in the managed runtime: priming finds it, and an event read through it is the event.
 */
class RuntimeSerializationTest {

    private final RuntimeSerialization runtime = RuntimeSerialization.find().orElseThrow();

    @Test
    void readsAnAwsAuthoredHttpApiEventBackWithItsRouteBodyHeadersAndClaims() {
        APIGatewayV2HTTPEvent sent = Events.v2("POST", "/tasks", "alice", "{\"title\":\"Primed\"}",
            "Idempotency-Key", "k-1");

        APIGatewayV2HTTPEvent read = runtime.read(sent, APIGatewayV2HTTPEvent.class);

        assertThat(read).isNotSameAs(sent);
        assertThat(read.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(read.getRawPath()).isEqualTo("/tasks");
        assertThat(read.getBody()).isEqualTo("{\"title\":\"Primed\"}");
        assertThat(read.getHeaders()).containsEntry("Idempotency-Key", "k-1");
        assertThat(read.getRequestContext().getAuthorizer().getJwt().getClaims()).containsEntry("sub", "alice");
        assertThat(read.getRequestContext().getRequestId()).isEqualTo(sent.getRequestContext().getRequestId());
    }

    @Test
    void writesAnAnswerAsTheRuntimeSendsIt() {
        APIGatewayV2HTTPResponse answer = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
            .withHeaders(Map.of("Location", "/tasks/1")).withBody("{\"id\":\"1\"}").build();

        String json = new String(runtime.write(answer, APIGatewayV2HTTPResponse.class), StandardCharsets.UTF_8);

        assertThat(json).contains("\"statusCode\":201", "\"Location\":\"/tasks/1\"", "\"body\":\"{\\\"id\\\":\\\"1\\\"}\"");
    }
}
