package dev.atomicfunctions.support;

import dev.atomicfunctions.local.LocalApiGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API over real HTTP, through the local API Gateway emulation and the real v2 handler: the gateway, the client,
 * and the assertions every feature's HTTP tests share. Every response a test class received is checked against the
 * generated OpenAPI document when the class ends.
 */
@ExtendWith(TestDatabase.class)
public abstract class GatewayHttpTest {

    protected static LocalApiGateway gateway;
    protected static Http http;

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

    /** A problem document with this status, the request's correlation id and nothing internal in it. */
    protected static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        Map<String, Object> problem = response.json();
        assertThat(problem).containsEntry("status", status).containsKeys("type", "title", "detail")
            .containsEntry("correlationId", response.header("X-Correlation-Id"));
        assertThat(response.body()).doesNotContain("\tat ", "SQL", "org.", "io.micronaut");
    }

    /** @return the ids of a page's items, in order */
    @SuppressWarnings("unchecked")
    protected static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(t -> (String) t.get("id")).toList();
    }

    /** @return the most recent audit row of this entity and action */
    protected static Map<String, Object> lastAudit(String entityId, String action) {
        return Db.rows("SELECT * FROM audit_entry WHERE entity_id = ? AND action = ? ORDER BY id DESC LIMIT 1",
            entityId, action).getFirst();
    }

    @SuppressWarnings("unchecked")
    protected static List<String> changedFields(Map<String, Object> audit) {
        return (List<String>) audit.get("changed_fields");
    }

    protected static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }
}
