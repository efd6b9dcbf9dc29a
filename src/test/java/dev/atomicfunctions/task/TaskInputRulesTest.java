package dev.atomicfunctions.task;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input rules of the tasks API, one row of {@code requests/task-input-rules.csv} per case, each request body a
 * fixture file: fed in process (no shaded jar, no HTTP) to the real handler classes as API Gateway payload v1 or v2
 * events. A refused request writes nothing: no task, no audit row, no change to the caller's task.
 */
@ExtendWith(TestDatabase.class)
class TaskInputRulesTest {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private static APIGatewayV2HTTPEventFunction httpApi;
    private static ApiGatewayProxyRequestEventFunction restApi;

    /** The answer, whichever payload version carried it. */
    private record Answer(int status, Map<String, String> headers, String body) {

        Map<String, Object> json() {
            try {
                return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    @BeforeAll
    static void buildHandlers() {
        httpApi = new APIGatewayV2HTTPEventFunction();
        restApi = new ApiGatewayProxyRequestEventFunction();
    }

    @AfterAll
    static void closeHandlers() {
        httpApi.close();
        restApi.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/requests/task-input-rules.csv")
    void answersEachInputAsTheRuleSays(String rule, String payload, String method, String path, String bodyFile,
                                       String sentAs, int status, String field, String message) {
        String owner = "rules-" + UUID.randomUUID();
        String taskId = path.contains("{id}") ? createTask(owner) : null;

        Answer answer = send(payload, method, path.replace("{id}", String.valueOf(taskId)), owner,
            bodyFile == null ? null : fixture(bodyFile), sentAs);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(answer.headers()).containsEntry("Content-Type", "application/problem+json");
            assertThat(answer.body()).doesNotContainIgnoringCase("exception").doesNotContain("Illegal", "line:");
            if (field != null) {
                assertThat(answer.json().get("errors")).asList().containsExactly(Map.of("field", field, "message",
                    message));
            }
            assertNothingWrittenFor(owner, taskId);
        }
    }

    @Test
    void logsAnUndecodableBodyOnceAtInfoWithoutAStackTrace() {
        String correlationId = "rules-" + UUID.randomUUID();
        try (LogCapture logs = new LogCapture()) {
            Answer answer = send("v2", "POST", "/tasks", "rules-" + UUID.randomUUID(), fixture("not-base64.txt"),
                "base64", "X-Correlation-Id", correlationId);

            assertThat(answer.status()).isEqualTo(400);
            List<ILoggingEvent> lines = logs.withCorrelationId(correlationId);
            assertThat(lines).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
            assertThat(lines).filteredOn(e -> e.getFormattedMessage().startsWith("request rejected")).singleElement()
                .satisfies(e -> assertThat(e.getThrowableProxy()).isNull());
        }
    }

    private static void assertNothingWrittenFor(String owner, String taskId) {
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isEqualTo(taskId == null ? 0 : 1);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", owner))
            .isEqualTo(taskId == null ? 0 : 1);
        if (taskId != null) {
            assertThat(Db.rows("SELECT title, completed, version FROM task WHERE id = ?::uuid", taskId))
                .containsExactly(Map.of("title", "Seeded", "completed", false, "version", 1L));
        }
    }

    private static String createTask(String owner) {
        Answer created = send("v2", "POST", "/tasks", owner, "{\"title\":\"Seeded\"}", "json");
        assertThat(created.status()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private static Answer send(String payload, String method, String path, String owner, String body, String sentAs,
                               String... headers) {
        String[] pathAndQuery = path.split("\\?", 2);
        String sentBody = body != null && sentAs.equals("base64")
            ? (body.startsWith("{") ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body)
            : body;
        Map<String, String> query = query(pathAndQuery.length > 1 ? pathAndQuery[1] : "");
        if (payload.equals("v1")) {
            APIGatewayProxyRequestEvent event = Events.v1(method, pathAndQuery[0], owner, sentBody, headers);
            event.setQueryStringParameters(query.isEmpty() ? null : query);
            event.setIsBase64Encoded(sentAs.equals("base64"));
            event.setHeaders(contentType(event.getHeaders(), sentAs));
            APIGatewayProxyResponseEvent response = restApi.handleRequest(event, new TestLambdaContext("tasks-api"));
            return new Answer(response.getStatusCode(), response.getHeaders(), response.getBody());
        }
        APIGatewayV2HTTPEvent event = Events.v2(method, pathAndQuery[0], owner, sentBody, headers);
        event.setRawQueryString(pathAndQuery.length > 1 ? pathAndQuery[1] : "");
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setIsBase64Encoded(sentAs.equals("base64"));
        event.setHeaders(contentType(event.getHeaders(), sentAs));
        APIGatewayV2HTTPResponse response = httpApi.handleRequest(event, new TestLambdaContext("tasks-api"));
        return new Answer(response.getStatusCode(), response.getHeaders(), response.getBody());
    }

    private static Map<String, String> contentType(Map<String, String> headers, String sentAs) {
        Map<String, String> changed = new HashMap<>(headers);
        if (sentAs.equals("none-type")) {
            changed.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
        }
        return changed;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static String fixture(String name) {
        try (InputStream in = TaskInputRulesTest.class.getResourceAsStream("/requests/tasks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }
}
