package dev.atomicfunctions.task;

import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.OpenApiContract;
import dev.atomicfunctions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tasks API over real HTTP, through the local API Gateway emulation and the real v2 handler: the gateway, the
 * callers, and the assertions on responses and rows the HTTP tests share. Every response a test class received is
 * checked against the generated OpenAPI document when the class ends.
 */
@ExtendWith(TestDatabase.class)
abstract class TaskHttpTestBase {

    static LocalApiGateway gateway;
    static Http http;
    final String alice = "alice-" + UUID.randomUUID();
    final String bob = "bob-" + UUID.randomUUID();

    @BeforeAll
    static void startGateway() throws IOException {
        gateway = LocalApiGateway.start(0);
        http = new Http(gateway.port());
    }

    @AfterAll
    static void stopGatewayAndCheckResponsesAreDocumented() {
        gateway.close();
        OpenApiContract.load().assertDescribes(http.exchanges());
    }

    static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        Map<String, Object> problem = response.json();
        assertThat(problem).containsEntry("status", status).containsKeys("type", "title", "detail")
            .containsEntry("correlationId", response.header("X-Correlation-Id"));
        assertThat(response.body()).doesNotContain("\tat ", "SQL", "org.", "io.micronaut");
    }

    static String create(String owner, String title) {
        Http.Response response = http.send("POST", "/tasks", owner, "{\"title\":\"" + title + "\"}");
        assertThat(response.status()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    @SuppressWarnings("unchecked")
    static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(t -> (String) t.get("id")).toList();
    }

    static Map<String, Object> taskRow(String id) {
        return Db.rows("SELECT * FROM task WHERE id = ?::uuid", id).getFirst();
    }

    static Map<String, Object> lastAudit(String id, String action) {
        return Db.rows("SELECT * FROM audit_entry WHERE entity_id = ? AND action = ? ORDER BY id DESC LIMIT 1",
            id, action).getFirst();
    }

    @SuppressWarnings("unchecked")
    static List<String> changedFields(Map<String, Object> audit) {
        return (List<String>) audit.get("changed_fields");
    }

    static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }
}
