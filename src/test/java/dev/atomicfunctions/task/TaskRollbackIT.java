package dev.atomicfunctions.task;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.core.type.Argument;
import dev.atomicfunctions.http.request.HttpApiFunction;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request that fails after its writes leaves nothing behind. The failures are real database failures raised by
 * triggers this test installs, for callers whose subject starts with a marker; nothing in the application is
 * replaced or told about the test.
 */
@ExtendWith(TestDatabase.class)
class TaskRollbackIT {

    private static HttpApiFunction handler;

    @BeforeAll
    static void installFailingTriggers() {
        handler = new HttpApiFunction();
        Db.execute("""
            CREATE OR REPLACE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit refused by test trigger'; END $$""");
        // Checked at COMMIT, after both the task and its audit row were written.
        Db.execute("""
            CREATE CONSTRAINT TRIGGER test_fail_at_commit AFTER INSERT ON audit_entry
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
            WHEN (NEW.actor LIKE 'fails-at-commit-%') EXECUTE FUNCTION test_refuse_audit()""");
        // Fails the audit insert itself, after the task row was written or changed.
        Db.execute("""
            CREATE TRIGGER test_fail_audit_update BEFORE INSERT ON audit_entry FOR EACH ROW
            WHEN (NEW.actor LIKE 'fails-on-update-%' AND NEW.action = 'UPDATE') EXECUTE FUNCTION test_refuse_audit()""");
    }

    @AfterAll
    static void removeTriggers() {
        Db.execute("DROP TRIGGER test_fail_at_commit ON audit_entry");
        Db.execute("DROP TRIGGER test_fail_audit_update ON audit_entry");
        Db.execute("DROP FUNCTION test_refuse_audit()");
        handler.close();
    }

    @Test
    void failureAtCommitLeavesNeitherTheTaskNorItsAuditRow() throws IOException {
        String owner = "fails-at-commit-" + UUID.randomUUID();
        String correlationId = "corr-" + UUID.randomUUID();

        APIGatewayV2HTTPResponse response;
        List<ILoggingEvent> logged;
        try (LogCapture logs = new LogCapture()) {
            response = handler.handleRequest(Events.v2("POST", "/tasks", owner, "{\"title\":\"doomed\"}",
                "X-Correlation-Id", correlationId), new TestLambdaContext("tasks-api"));
            logged = logs.withCorrelationId(correlationId);
        }

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(json(response.getBody())).containsEntry("status", 500).containsEntry("correlationId", correlationId);
        assertThat(response.getBody()).doesNotContain("trigger", "audit", "SQL", "Exception");
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isZero();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", owner)).isZero();
        assertThat(logged.stream().filter(e -> e.getLevel() == Level.ERROR)).hasSize(1);
        assertThat(logged).anySatisfy(e -> assertThat(e.getFormattedMessage())
            .isEqualTo("transaction rolled back: TaskCommands.create"));
    }

    @Test
    void failedAuditWriteUndoesTheUpdateItRecords() throws IOException {
        String owner = "fails-on-update-" + UUID.randomUUID();
        APIGatewayV2HTTPResponse created = handler.handleRequest(
            Events.v2("POST", "/tasks", owner, "{\"title\":\"before\"}"), new TestLambdaContext("tasks-api"));
        String id = (String) json(created.getBody()).get("id");

        APIGatewayV2HTTPResponse response = handler.handleRequest(
            Events.v2("PATCH", "/tasks/" + id, owner, "{\"title\":\"after\",\"completed\":true}"),
            new TestLambdaContext("tasks-api"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(Db.rows("SELECT title, completed, version FROM task WHERE id = ?::uuid", id))
            .containsExactly(Map.of("title", "before", "completed", false, "version", 1L));
        assertThat(Db.rows("SELECT action FROM audit_entry WHERE entity_id = ?", id))
            .containsExactly(Map.of("action", "CREATE"));
    }

    private static Map<String, Object> json(String body) throws IOException {
        return ObjectMapper.getDefault().readValue(body, Argument.mapOf(String.class, Object.class));
    }
}
