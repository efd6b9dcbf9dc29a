package dev.atomicfunctions.task;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.http.request.HttpApiFunction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A create retried with the same Idempotency-Key writes one task, however the retries arrive. */
class TaskIdempotencyIT extends TaskHttpTestBase {

    private final String owner = "owner-" + UUID.randomUUID();
    private final String key = "key-" + UUID.randomUUID();

    @Test
    void replaysTheFirstAnswerToARetryAndWritesOnce() {
        Http.Response first = http.send("POST", "/tasks", owner, "{\"title\":\"once\"}", "Idempotency-Key", key);
        Http.Response retry = http.send("POST", "/tasks", owner, "{\"title\":\"once\"}", "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'CREATE'", owner)).isEqualTo(1);
    }

    /** The release before stored keys under the route's name: a retry across the deployment is still replayed. */
    @Test
    void replaysAKeyStoredUnderTheOperationsFormerName() {
        Http.Response first = http.send("POST", "/tasks", owner, "{\"title\":\"across a deployment\"}",
            "Idempotency-Key", key);
        assertThat(Db.rows("UPDATE idempotency_record SET operation = 'POST /tasks' "
            + "WHERE owner_id = ? AND operation = 'task.create' RETURNING id", owner)).hasSize(1);

        Http.Response retry = http.send("POST", "/tasks", owner, "{\"title\":\"across a deployment\"}",
            "Idempotency-Key", key);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE owner_id = ?", owner)).isEqualTo(1);
    }

    @Test
    void refusesTheSameKeyForADifferentRequest() {
        http.send("POST", "/tasks", owner, "{\"title\":\"first\"}", "Idempotency-Key", key);

        Http.Response other = http.send("POST", "/tasks", owner, "{\"title\":\"second\"}", "Idempotency-Key", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json()).containsEntry("type", "urn:atomic-functions:problem:idempotency-key-reused");
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isEqualTo(1);
    }

    @Test
    void keepsKeysApartBetweenCallers() {
        String other = "other-" + UUID.randomUUID();

        http.send("POST", "/tasks", owner, "{\"title\":\"mine\"}", "Idempotency-Key", key);
        Http.Response theirs = http.send("POST", "/tasks", other, "{\"title\":\"mine\"}", "Idempotency-Key", key);

        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", other)).isEqualTo(1);
    }

    @Test
    void rejectsAMalformedKeyAndWritesNothing() {
        Http.Response response = http.send("POST", "/tasks", owner, "{\"title\":\"t\"}", "Idempotency-Key", "x".repeat(256));

        assertThat(response.status()).isEqualTo(400);
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isZero();
    }

    /** Two execution environments receive the same request at once: one task, and each caller gets an answer. */
    @RepeatedTest(3)
    void createsOneTaskWhenTheSameKeyArrivesTwiceAtOnce() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        try (HttpApiFunction a = new HttpApiFunction();
             HttpApiFunction b = new HttpApiFunction()) {
            List<Future<APIGatewayV2HTTPResponse>> responses = List.of(
                threads.submit(() -> create(a, start)), threads.submit(() -> create(b, start)));

            List<Integer> statuses = List.of(responses.get(0).get(20, TimeUnit.SECONDS).getStatusCode(),
                responses.get(1).get(20, TimeUnit.SECONDS).getStatusCode());

            assertThat(statuses).contains(201).allMatch(s -> s == 201 || s == 409);
        } finally {
            threads.shutdownNow();
        }
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", owner)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM idempotency_record WHERE owner_id = ?", owner)).isEqualTo(1);
    }

    private APIGatewayV2HTTPResponse create(HttpApiFunction environment, CyclicBarrier start)
        throws Exception {
        start.await();
        return environment.handleRequest(Events.v2("POST", "/tasks", owner, "{\"title\":\"racing\"}",
            "Idempotency-Key", key), new TestLambdaContext("tasks-api"));
    }
}
