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
            Map.of("field", "description", "message", "must be at most 4000 characters long"),
            Map.of("field", "title", "message", "must not be blank"));
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", alice)).isZero();
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
        assertThat(wrongMethod.header("Allow")).contains("POST", "GET").doesNotContain("HEAD");
        // The HTTP API routes no HEAD; neither does the function.
        assertThat(http.send("HEAD", "/tasks", alice, null).status()).isEqualTo(405);
    }

    @Test
    void givesAClientThatAcceptsOnlyProblemsItsProblemAndItsAnswers() {
        String id = create(alice, "Negotiated");
        String missing = "/tasks/" + UUID.randomUUID();

        assertProblem(http.send("GET", missing, alice, null, "Accept", "application/problem+json"), 404);
        assertProblem(http.send("DELETE", missing, alice, null, "Accept", "application/problem+json"), 404);
        Http.Response found = http.send("GET", "/tasks/" + id, alice, null, "Accept", "application/problem+json");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.header("Content-Type")).startsWith("application/json");
        assertThat(http.send("DELETE", "/tasks/" + id, alice, null, "Accept", "application/problem+json").status())
            .isEqualTo(204);
        assertThat(Db.count("SELECT count(*) FROM task WHERE id = ?::uuid", id)).isZero();
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
