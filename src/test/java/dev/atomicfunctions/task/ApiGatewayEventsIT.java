package dev.atomicfunctions.task;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import dev.atomicfunctions.http.request.HttpApiFunction;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The real handler classes, built as Lambda builds them, fed AWS-authored v2 (HTTP API) and v1 (REST API) events. */
@ExtendWith(TestDatabase.class)
class ApiGatewayEventsIT {

    private static HttpApiFunction httpApi;
    private static ApiGatewayProxyRequestEventFunction restApi;
    private final String subject = "user-" + UUID.randomUUID();

    @BeforeAll
    static void buildHandlers() {
        httpApi = new HttpApiFunction();
        restApi = new ApiGatewayProxyRequestEventFunction();
    }

    @AfterAll
    static void closeHandlers() {
        httpApi.close();
        restApi.close();
    }

    @Test
    void createsTaskFromAnHttpApiPayloadV2Event() throws IOException {
        APIGatewayV2HTTPEvent event = Events.v2("POST", "/tasks", subject, "{\"title\":\"From HTTP API\"}");

        TestLambdaContext lambda = new TestLambdaContext("tasks-api");

        APIGatewayV2HTTPResponse response = httpApi.handleRequest(event, lambda);

        assertThat(response.getStatusCode()).isEqualTo(201);
        String id = (String) json(response.getBody()).get("id");
        assertThat(response.getHeaders()).containsEntry("Location", "/tasks/" + id);
        assertThat(Db.rows("SELECT owner_id, title FROM task WHERE id = ?::uuid", id))
            .containsExactly(Map.of("owner_id", subject, "title", "From HTTP API"));
        assertThat(Db.rows("SELECT origin, request_id, lambda_request_id FROM audit_entry WHERE entity_id = ?", id))
            .containsExactly(Map.of("origin", "HTTP", "request_id", event.getRequestContext().getRequestId(),
                "lambda_request_id", lambda.getAwsRequestId()));
    }

    @Test
    void refusesTheUnauthenticatedHttpApiSampleWith401() throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(Events.V2_NO_AUTHORIZER_SAMPLE);
        Events.route(event, "GET", "/tasks", null);

        APIGatewayV2HTTPResponse response = httpApi.handleRequest(event, new TestLambdaContext("tasks-api"));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(json(response.getBody())).containsEntry("status", 401);
    }

    /** Events as the runtime reads them from JSON that is not an HTTP API request: a clean 400, never a 500. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"null", "{}", "{\"version\":\"2.0\"}", "{\"requestContext\":{\"requestId\":\"r1\"}}",
        "{\"requestContext\":{\"http\":{\"path\":\"/tasks\"}}}"})
    void answersAnEventThatIsNotAnHttpApiRequestWithA400Problem(String json) throws IOException {
        APIGatewayV2HTTPEvent event = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
            getClass().getClassLoader()).fromJson(json);

        APIGatewayV2HTTPResponse response = httpApi.handleRequest(event, new TestLambdaContext("tasks-api"));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(json(response.getBody())).containsEntry("status", 400)
            .containsEntry("type", "urn:atomic-functions:problem:malformed-event");
        assertThat(response.getBody()).doesNotContainIgnoringCase("exception");
    }

    @Test
    void createsAndReadsATaskThroughRestApiPayloadV1Events() throws IOException {
        APIGatewayProxyResponseEvent created = restApi.handleRequest(
            Events.v1("POST", "/tasks", subject, "{\"title\":\"From REST API\"}"), new TestLambdaContext("tasks-api"));
        String id = (String) json(created.getBody()).get("id");

        APIGatewayProxyResponseEvent read = restApi.handleRequest(
            Events.v1("GET", "/tasks/" + id, subject, null), new TestLambdaContext("tasks-api"));

        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(json(read.getBody())).containsEntry("title", "From REST API");
        assertThat(Db.rows("SELECT owner_id FROM task WHERE id = ?::uuid", id))
            .containsExactly(Map.of("owner_id", subject));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP API", "REST API"})
    void answersAClientThatAcceptsOnlyProblemsWithJsonAndItsProblemsAsProblems(String api) throws IOException {
        String title = "negotiated-" + UUID.randomUUID();
        String body = "{\"title\":\"" + title + "\"}";

        Answer created = send(api, "POST", "/tasks", body);
        Answer refused = send(api, "POST", "/tasks", "{\"title\":\"\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(Db.count("SELECT count(*) FROM task WHERE title = ?", title)).isOne();
        // The refused one wrote nothing: this caller has the one task and its one audit row.
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", subject)).isOne();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", subject)).isOne();
    }

    @Test
    void refusesARestApiEventWithoutAuthorizerClaimsAndWritesNothing() throws IOException {
        String title = "anonymous-" + UUID.randomUUID();
        APIGatewayProxyRequestEvent event = Events.v1("POST", "/tasks", null, "{\"title\":\"" + title + "\"}");

        APIGatewayProxyResponseEvent response = restApi.handleRequest(event, new TestLambdaContext("tasks-api"));

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(json(response.getBody())).containsEntry("status", 401);
        assertThat(Db.count("SELECT count(*) FROM task WHERE title = ?", title)).isZero();
    }

    private record Answer(int status, String contentType) {
    }

    /** Sends a request whose client accepts only problem documents, through either API's handler. */
    private Answer send(String api, String method, String path, String body) {
        TestLambdaContext lambda = new TestLambdaContext("tasks-api");
        if (api.equals("HTTP API")) {
            APIGatewayV2HTTPResponse response = httpApi.handleRequest(
                Events.v2(method, path, subject, body, "Accept", "application/problem+json"), lambda);
            return new Answer(response.getStatusCode(), response.getHeaders().get("Content-Type"));
        }
        APIGatewayProxyRequestEvent event = Events.v1(method, path, subject, body, "Accept", "application/problem+json");
        event.setMultiValueHeaders(null);
        APIGatewayProxyResponseEvent response = restApi.handleRequest(event, lambda);
        return new Answer(response.getStatusCode(), response.getHeaders().get("Content-Type"));
    }

    private static Map<String, Object> json(String body) throws IOException {
        return ObjectMapper.getDefault().readValue(body, Argument.mapOf(String.class, Object.class));
    }
}
