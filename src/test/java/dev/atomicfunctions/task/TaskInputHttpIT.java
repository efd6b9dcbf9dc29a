package dev.atomicfunctions.task;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad requests over HTTP: each gets its problem document and writes nothing. */
class TaskInputHttpIT extends TaskHttpTestBase {

    @Test
    void rejectsPageSizeAboveTheMaximum() {
        Http.Response response = http.send("GET", "/tasks?limit=101", alice, null);

        assertProblem(response, 400);
        assertThat(response.json().get("errors")).asList()
            .containsExactly(Map.of("field", "limit", "message", "must be less than or equal to 100"));
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
}
