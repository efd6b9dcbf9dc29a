package dev.atomicfunctions.task;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.core.type.Argument;
import dev.atomicfunctions.http.request.HttpApiFunction;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Optimistic locking under real concurrency. Two handler instances stand for two Lambda execution environments,
 * each with its own connection pool, as when API Gateway sends two requests at once.
 */
@ExtendWith(TestDatabase.class)
class TaskConcurrencyIT {

    private static HttpApiFunction environmentA;
    private static HttpApiFunction environmentB;
    private static final ExecutorService THREADS = Executors.newFixedThreadPool(2);
    private final String owner = "owner-" + UUID.randomUUID();

    @BeforeAll
    static void startTwoEnvironments() {
        environmentA = new HttpApiFunction();
        environmentB = new HttpApiFunction();
    }

    @AfterAll
    static void stopEnvironments() {
        THREADS.shutdownNow();
        environmentA.close();
        environmentB.close();
    }

    /** The update read version 1, but by the time it writes another transaction has committed version 2. */
    @Test
    void refusesAWriteThatLostTheRaceWith409() throws Exception {
        String id = create();
        APIGatewayV2HTTPResponse response;
        try (Connection other = Db.connect()) {
            other.setAutoCommit(false);
            try (PreparedStatement update = other.prepareStatement(
                "UPDATE task SET title = 'changed elsewhere', version = version + 1 WHERE id = ?::uuid")) {
                update.setString(1, id);
                update.executeUpdate();
            }
            Future<APIGatewayV2HTTPResponse> patch = THREADS.submit(() -> patch(environmentB, id, "{\"completed\":true}"));
            awaitUpdateBlockedOnRowLock();
            other.commit();
            response = patch.get(20, TimeUnit.SECONDS);
        }

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(Db.rows("SELECT title, completed, version FROM task WHERE id = ?::uuid", id))
            .containsExactly(Map.of("title", "changed elsewhere", "completed", false, "version", 2L));
        assertThat(updateAudits(id)).isZero();
    }

    @RepeatedTest(5)
    void exactlyOneOfTwoConcurrentUpdatesOfTheSameVersionWins() throws Exception {
        String id = create();
        CyclicBarrier start = new CyclicBarrier(2);

        Future<APIGatewayV2HTTPResponse> a = THREADS.submit(() -> {
            start.await();
            return patch(environmentA, id, "{\"title\":\"A\"}");
        });
        Future<APIGatewayV2HTTPResponse> b = THREADS.submit(() -> {
            start.await();
            return patch(environmentB, id, "{\"title\":\"B\"}");
        });
        int statusA = a.get(20, TimeUnit.SECONDS).getStatusCode();
        int statusB = b.get(20, TimeUnit.SECONDS).getStatusCode();

        assertThat(List.of(statusA, statusB)).containsOnlyOnce(200);
        assertThat(statusA == 200 ? statusB : statusA).isIn(409, 412);
        String winner = statusA == 200 ? "A" : "B";
        assertThat(Db.rows("SELECT title, version FROM task WHERE id = ?::uuid", id))
            .containsExactly(Map.of("title", winner, "version", 2L));
        assertThat(updateAudits(id)).isEqualTo(1);
    }

    private String create() throws IOException {
        APIGatewayV2HTTPResponse created = environmentA.handleRequest(
            Events.v2("POST", "/tasks", owner, "{\"title\":\"original\"}"), new TestLambdaContext("tasks-api"));
        assertThat(created.getStatusCode()).isEqualTo(201);
        return (String) ObjectMapper.getDefault()
            .readValue(created.getBody(), Argument.mapOf(String.class, Object.class)).get("id");
    }

    private APIGatewayV2HTTPResponse patch(HttpApiFunction environment, String id, String body) {
        return environment.handleRequest(Events.v2("PATCH", "/tasks/" + id, owner, body, "If-Match", "\"1\""),
            new TestLambdaContext("tasks-api"));
    }

    private static long updateAudits(String id) {
        return Db.count("SELECT count(*) FROM audit_entry WHERE entity_id = ? AND action = 'UPDATE'", id);
    }

    private static void awaitUpdateBlockedOnRowLock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            + "AND query LIKE 'UPDATE task%'") == 0) {
            assertThat(System.nanoTime()).as("the handler's UPDATE never waited for the row lock").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
