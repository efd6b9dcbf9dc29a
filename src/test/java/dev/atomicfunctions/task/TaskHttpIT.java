package dev.atomicfunctions.task;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.OpenApiContract;
import dev.atomicfunctions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The tasks API over real HTTP, through the local API Gateway emulation and the real v2 handler. */
@ExtendWith(TestDatabase.class)
class TaskHttpIT {

    private static LocalApiGateway gateway;
    private static Http http;
    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();

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

    @Test
    void createsTaskAndAnswersWithTheStoredValues() {
        Http.Response response = http.send("POST", "/tasks", alice,
            "{\"title\":\"Buy milk\",\"description\":\"2 litres\"}", "X-Correlation-Id", "corr-create-1");

        assertThat(response.status()).isEqualTo(201);
        Map<String, Object> body = response.json();
        String id = (String) body.get("id");
        assertThat(response.header("Location")).isEqualTo("/tasks/" + id);
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
        Map<String, Object> row = taskRow(id);
        assertThat(row).containsEntry("owner_id", alice).containsEntry("title", "Buy milk")
            .containsEntry("description", "2 litres").containsEntry("completed", false).containsEntry("version", 1L);
        assertThat(body).containsEntry("title", "Buy milk").containsEntry("description", "2 litres")
            .containsEntry("completed", false).containsEntry("version", 1);
        assertThat(Instant.parse((String) body.get("createdAt"))).isEqualTo(instant(row.get("created_at")));
        assertThat(Instant.parse((String) body.get("updatedAt"))).isEqualTo(instant(row.get("updated_at")));
        Map<String, Object> audit = Db.rows("SELECT * FROM audit_entry WHERE entity_id = ?", id).getFirst();
        assertThat(audit).containsEntry("action", "CREATE").containsEntry("entity_type", "task")
            .containsEntry("actor", alice).containsEntry("correlation_id", "corr-create-1");
        assertThat(audit.get("request_id")).isNotNull();
        assertThat(changedFields(audit)).containsExactly("title", "description", "completed");
    }

    @Test
    void returnsOwnTaskWithItsEntityTag() {
        String id = create(alice, "Read a book");

        Http.Response response = http.send("GET", "/tasks/" + id, alice, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).containsEntry("id", id).containsEntry("title", "Read a book");
        assertThat(response.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void listsOnlyTheCallersTasksNewestFirstAcrossPages() {
        List<String> created = List.of(create(alice, "a1"), create(alice, "a2"), create(alice, "a3"),
            create(alice, "a4"), create(alice, "a5"));
        create(bob, "b1");

        Map<String, Object> first = http.send("GET", "/tasks?limit=2", alice, null).json();
        Map<String, Object> second = http.send("GET", "/tasks?limit=2&cursor=" + first.get("nextCursor"), alice, null).json();
        Map<String, Object> third = http.send("GET", "/tasks?limit=2&cursor=" + second.get("nextCursor"), alice, null).json();

        assertThat(ids(first)).containsExactly(created.get(4), created.get(3));
        assertThat(ids(second)).containsExactly(created.get(2), created.get(1));
        assertThat(ids(third)).containsExactly(created.get(0));
        assertThat(third.get("nextCursor")).isNull();
    }

    @Test
    void filtersTheListByCompletion() {
        String done = create(alice, "done");
        String open = create(alice, "open");
        http.send("PATCH", "/tasks/" + done, alice, "{\"completed\":true}");

        assertThat(ids(http.send("GET", "/tasks?completed=true", alice, null).json())).containsExactly(done);
        assertThat(ids(http.send("GET", "/tasks?completed=false", alice, null).json())).containsExactly(open);
    }

    @Test
    void rejectsPageSizeAboveTheMaximum() {
        Http.Response response = http.send("GET", "/tasks?limit=101", alice, null);

        assertProblem(response, 400);
        assertThat(response.json().get("errors")).asList()
            .containsExactly(Map.of("field", "limit", "message", "must be less than or equal to 100"));
    }

    @Test
    void updatesOnlyTheGivenFieldsAndAuditsThem() {
        String id = create(alice, "Write report");

        Http.Response response = http.send("PATCH", "/tasks/" + id, alice, "{\"completed\":true}", "If-Match", "\"1\"");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"2\"");
        Map<String, Object> row = taskRow(id);
        assertThat(row).containsEntry("title", "Write report").containsEntry("completed", true)
            .containsEntry("version", 2L);
        assertThat(Instant.parse((String) response.json().get("updatedAt"))).isEqualTo(instant(row.get("updated_at")));
        assertThat(changedFields(lastAudit(id, "UPDATE"))).containsExactly("completed");
    }

    @Test
    void removesTheDescriptionWhenPatchedWithAnEmptyString() {
        String id = (String) http.send("POST", "/tasks", alice, "{\"title\":\"t\",\"description\":\"d\"}").json().get("id");

        http.send("PATCH", "/tasks/" + id, alice, "{\"description\":\"\"}");

        assertThat(taskRow(id).get("description")).isNull();
        assertThat(changedFields(lastAudit(id, "UPDATE"))).containsExactly("description");
    }

    @Test
    void rejectsStaleIfMatchWithoutWriting() {
        String id = create(alice, "Plan trip");
        http.send("PATCH", "/tasks/" + id, alice, "{\"title\":\"Plan a trip\"}");

        Http.Response response = http.send("PATCH", "/tasks/" + id, alice, "{\"completed\":true}", "If-Match", "\"1\"");

        assertProblem(response, 412);
        assertThat(taskRow(id)).containsEntry("completed", false).containsEntry("version", 2L);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND action = 'UPDATE'", id)).isEqualTo(1);
    }

    @Test
    void rejectsValuesOfTheWrongTypeInsteadOfGuessing() {
        String id = create(alice, "Typed");

        assertProblem(http.send("PATCH", "/tasks/" + id, alice, "{\"completed\":\"yes\"}"), 400);
        Http.Response filter = http.send("GET", "/tasks?completed=maybe", alice, null);

        assertProblem(filter, 400);
        assertThat(filter.json().get("errors")).asList()
            .containsExactly(Map.of("field", "completed", "message", "must be true or false"));
        assertThat(taskRow(id)).containsEntry("completed", false).containsEntry("version", 1L);
    }

    @Test
    void rejectsAnEmptyPatch() {
        String id = create(alice, "Nothing to change");

        assertProblem(http.send("PATCH", "/tasks/" + id, alice, "{}"), 400);
        assertThat(taskRow(id)).containsEntry("version", 1L);
    }

    @Test
    void deletesTaskAndAuditsTheDeletion() {
        String id = create(alice, "Throw away");

        Http.Response response = http.send("DELETE", "/tasks/" + id, alice, null);

        assertThat(response.status()).isEqualTo(204);
        assertThat(Db.count("SELECT count(*) FROM task WHERE id = ?::uuid", id)).isZero();
        assertThat(lastAudit(id, "DELETE")).containsEntry("actor", alice);
        assertThat(http.send("GET", "/tasks/" + id, alice, null).status()).isEqualTo(404);
    }

    @Test
    void keepsATaskWhoseDeletionNamesAStaleVersion() {
        String id = create(alice, "Keep me");
        http.send("PATCH", "/tasks/" + id, alice, "{\"completed\":true}");

        Http.Response response = http.send("DELETE", "/tasks/" + id, alice, null, "If-Match", "\"1\"");

        assertProblem(response, 412);
        assertThat(taskRow(id)).containsEntry("version", 2L);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND action = 'DELETE'", id)).isZero();
    }

    @Test
    void hidesAnotherCallersTaskAndLeavesItUntouched() {
        String id = create(alice, "Private");

        try (LogCapture logs = new LogCapture()) {
            List<Integer> statuses = List.of(
                http.send("GET", "/tasks/" + id, bob, null).status(),
                http.send("PATCH", "/tasks/" + id, bob, "{\"title\":\"Mine now\"}").status(),
                http.send("DELETE", "/tasks/" + id, bob, null).status());

            assertThat(statuses).containsOnly(404);
            assertThat(logs.of("security")).hasSize(3)
                .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("caller", bob));
        }
        assertThat(taskRow(id)).containsEntry("title", "Private").containsEntry("version", 1L);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND actor = ?", id, bob)).isZero();
    }

    @Test
    void refusesRequestsWithoutIdentityAndWritesNothing() {
        String title = "anonymous-" + UUID.randomUUID();

        Http.Response response = http.send("POST", "/tasks", null, "{\"title\":\"" + title + "\"}");

        assertProblem(response, 401);
        assertThat(Db.count("SELECT count(*) FROM task WHERE title = ?", title)).isZero();
    }

    @Test
    void rejectsInvalidTaskListingEachFieldAndWritesNothing() {
        Http.Response response = http.send("POST", "/tasks", alice,
            Http.json(Map.of("title", " ", "description", "x".repeat(4001))));

        assertProblem(response, 400);
        assertThat(response.json().get("errors")).asList().containsExactly(
            Map.of("field", "description", "message", "size must be between 0 and 4000"),
            Map.of("field", "title", "message", "must not be blank"));
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isZero();
    }

    @Test
    void rejectsNulCharactersThatTheDatabaseCannotStore() {
        Http.Response response = http.send("POST", "/tasks", alice, "{\"title\":\"a\\u0000b\"}");

        assertProblem(response, 400);
        assertThat(response.json().get("errors")).asList()
            .containsExactly(Map.of("field", "title", "message", "must not contain NUL characters"));
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isZero();
    }

    @Test
    void rejectsABlankOrNulTitleInAPatch() {
        String id = create(alice, "Original");

        assertProblem(http.send("PATCH", "/tasks/" + id, alice, "{\"title\":\"  \"}"), 400);
        assertProblem(http.send("PATCH", "/tasks/" + id, alice, "{\"title\":\"x\\u0000\"}"), 400);
        assertThat(taskRow(id)).containsEntry("title", "Original").containsEntry("version", 1L);
    }

    @Test
    void rejectsMalformedJsonWithoutRevealingParserDetails() {
        Http.Response response = http.send("POST", "/tasks", alice, "{\"title\": ");

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContainIgnoringCase("exception").doesNotContain("Source", "line:", "column");
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isZero();
    }

    @Test
    void rejectsBodiesThatAreNotJson() {
        Http.Response response = http.send("POST", "/tasks", alice, null, "Content-Type", "text/plain");

        assertProblem(response, 415);
    }

    @Test
    void answersUnknownRoutesAndWrongMethodsWithProblems() {
        assertProblem(http.send("GET", "/nowhere", alice, null), 404);
        Http.Response wrongMethod = http.send("PUT", "/tasks", alice, "{}");
        assertProblem(wrongMethod, 405);
        assertThat(wrongMethod.header("Allow")).contains("POST", "GET");
    }

    @Test
    void rejectsOversizedBodiesWithoutReadingThem() {
        String title = "big-" + UUID.randomUUID();

        Http.Response response = http.send("POST", "/tasks", alice,
            Http.json(Map.of("title", title, "description", "x".repeat(40_000))));

        assertProblem(response, 413);
        assertThat(Db.count("SELECT count(*) FROM task WHERE title = ?", title)).isZero();
    }

    @Test
    void echoesAWellFormedCorrelationIdAndReplacesAnyOther() {
        assertThat(http.send("GET", "/tasks", alice, null, "X-Correlation-Id", "abc-123").header("X-Correlation-Id"))
            .isEqualTo("abc-123");
        String replaced = http.send("GET", "/tasks", alice, null, "X-Correlation-Id", "<script>").header("X-Correlation-Id");
        assertThat(UUID.fromString(replaced)).isNotNull();
        String generated = http.send("GET", "/tasks", alice, null).header("X-Correlation-Id");
        assertThat(UUID.fromString(generated)).isNotNull();
    }

    @Test
    void logsEachRejectedRequestOnceWithItsCorrelationIdAndCaller() {
        String correlationId = "corr-" + UUID.randomUUID();
        try (LogCapture logs = new LogCapture()) {
            http.send("GET", "/tasks/" + UUID.randomUUID(), alice, null, "X-Correlation-Id", correlationId);

            List<ILoggingEvent> rejections = logs.withCorrelationId(correlationId).stream()
                .filter(e -> e.getFormattedMessage().startsWith("request rejected")).toList();
            assertThat(rejections).singleElement()
                .satisfies(e -> assertThat(e.getMDCPropertyMap()).containsEntry("caller", alice)
                    .containsKey("apiRequestId").containsKey("AWSRequestId"));
        }
    }

    private static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        Map<String, Object> problem = response.json();
        assertThat(problem).containsEntry("status", status).containsKeys("type", "title", "detail")
            .containsEntry("correlationId", response.header("X-Correlation-Id"));
        assertThat(response.body()).doesNotContain("\tat ", "SQL", "org.", "io.micronaut");
    }

    private static String create(String owner, String title) {
        Http.Response response = http.send("POST", "/tasks", owner, "{\"title\":\"" + title + "\"}");
        assertThat(response.status()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(t -> (String) t.get("id")).toList();
    }

    private static Map<String, Object> taskRow(String id) {
        return Db.rows("SELECT * FROM task WHERE id = ?::uuid", id).getFirst();
    }

    private static Map<String, Object> lastAudit(String id, String action) {
        return Db.rows("SELECT * FROM audit_entry WHERE entity_id = ? AND action = ? ORDER BY id DESC LIMIT 1",
            id, action).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<String> changedFields(Map<String, Object> audit) {
        return (List<String>) audit.get("changed_fields");
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }
}
