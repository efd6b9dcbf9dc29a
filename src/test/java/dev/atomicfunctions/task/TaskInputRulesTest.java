package dev.atomicfunctions.task;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.InProcessApi;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

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

    private static InProcessApi api;

    @BeforeAll
    static void buildHandlers() {
        api = new InProcessApi();
    }

    @AfterAll
    static void closeHandlers() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/requests/task-input-rules.csv")
    void answersEachInputAsTheRuleSays(String rule, String payload, String method, String path, String bodyFile,
                                       String sentAs, int status, String field, String message) {
        String owner = "rules-" + UUID.randomUUID();
        String taskId = path.contains("{id}") ? createTask(owner) : null;

        InProcessApi.Answer answer = send(payload, method, path.replace("{id}", String.valueOf(taskId)), owner,
            bodyFile == null ? null : fixture(bodyFile), sentAs);

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        if (status >= 400) {
            answer.assertCleanProblem(field, message);
            assertNothingWrittenFor(owner, taskId);
        }
    }

    @Test
    void logsAnUndecodableBodyOnceAtInfoWithoutAStackTrace() {
        String correlationId = "rules-" + UUID.randomUUID();
        try (LogCapture logs = new LogCapture()) {
            InProcessApi.Answer answer = send("v2", "POST", "/tasks", "rules-" + UUID.randomUUID(), fixture("not-base64.txt"),
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
        InProcessApi.Answer created = send("v2", "POST", "/tasks", owner, "{\"title\":\"Seeded\"}", "json");
        assertThat(created.status()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private static InProcessApi.Answer send(String payload, String method, String path, String owner, String body, String sentAs,
                               String... headers) {
        return api.send(payload, method, path, owner, null, body, InProcessApi.SentAs.of(sentAs), headers);
    }

    private static String fixture(String name) {
        return InProcessApi.fixture("tasks/" + name);
    }
}
