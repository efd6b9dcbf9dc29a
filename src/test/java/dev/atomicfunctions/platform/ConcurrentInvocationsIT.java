package dev.atomicfunctions.platform;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.zaxxer.hikari.HikariDataSource;
import dev.atomicfunctions.http.request.HttpApiFunction;
import dev.atomicfunctions.jobs.ScheduledHandler;
import dev.atomicfunctions.jobs.ScheduledRuns;
import dev.atomicfunctions.platform.invocation.Deadline;
import dev.atomicfunctions.platform.logging.LogFields;
import dev.atomicfunctions.queue.QueueHandler;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.Messages;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lambda Managed Instances: one execution environment serves many invocations at once, each on an OS thread of its
 * own, through one handler object and one application context. Here 64 threads released by a barrier invoke one
 * instance of each deployed handler class, each invocation with its own subject, Lambda request id, correlation id
 * and time left (the pool sized by {@code AWS_LAMBDA_MAX_CONCURRENCY}, as Lambda sets it there): every answer, audit
 * row and log line is its own invocation's, the orders race holds inside the one environment, overlapping scheduled
 * runs expire each order once, and no invocation leaves anything on its thread for the next.
 */
class ConcurrentInvocationsIT {

    private static final int THREADS = 64;
    private static final Pattern ORDER_ID = Pattern.compile("^\\{\"id\":\"([0-9a-f-]{36})\"");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void everyAnswerAuditRowAndLogLineIsItsOwnInvocations() throws Exception {
        List<APIGatewayV2HTTPEvent> events = read(i -> Events.v2("POST", "/tasks", subject(i),
            "{\"title\":\"" + title(i) + "\"}", "X-Correlation-Id", correlation(i)));

        List<APIGatewayV2HTTPResponse> answers;
        try (HttpApiFunction environment = new HttpApiFunction(environment()); LogCapture logs = new LogCapture()) {
            answers = atOnce(i -> environment.handleRequest(events.get(i), context("tasks-api", i)));

            for (int i = 0; i < THREADS; i++) {
                String requestId = requestId(i);
                assertThat(logs.of("transaction")).as("transaction log lines of invocation %d", i)
                    .filteredOn(e -> requestId.equals(e.getMDCPropertyMap().get(LogFields.LAMBDA_REQUEST_ID)))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getMDCPropertyMap())
                        .containsEntry(LogFields.CALLER, subject(requestId))
                        .containsEntry(LogFields.CORRELATION_ID, correlation(requestId)));
            }
        }
        for (int i = 0; i < THREADS; i++) {
            APIGatewayV2HTTPResponse answer = answers.get(i);
            assertThat(answer.getStatusCode()).isEqualTo(201);
            assertThat(answer.getBody()).contains("\"title\":\"" + title(i) + "\"");
            assertThat(answer.getHeaders()).containsEntry("X-Correlation-Id", correlation(i));
            assertThat(Db.rows("SELECT t.title, a.correlation_id, a.lambda_request_id FROM task t "
                + "JOIN audit_entry a ON a.entity_id = t.id::text AND a.actor = t.owner_id WHERE t.owner_id = ?",
                subject(i))).containsExactly(Map.of("title", title(i), "correlation_id", correlation(i),
                "lambda_request_id", requestId(i)));
        }
        assertThreadsLeftClean();
    }

    @Test
    void neverOversellsWhen64OrdersRaceInsideOneEnvironment() throws Exception {
        UUID scarce = Catalogue.product("EUR", 250, 10);

        List<APIGatewayV2HTTPEvent> events = read(i -> Events.v2("POST", "/orders", subject(i),
            "{\"lines\":[{\"productId\":\"" + scarce + "\",\"quantity\":1}]}"));

        List<APIGatewayV2HTTPResponse> answers;
        try (HttpApiFunction environment = new HttpApiFunction(environment())) {
            answers = atOnce(i -> environment.handleRequest(events.get(i), context("tasks-api", i)));
        }

        assertThat(answers).filteredOn(a -> a.getStatusCode() == 201).hasSize(10);
        assertThat(answers).filteredOn(a -> a.getStatusCode() == 409).hasSize(THREADS - 10);
        int traced = 0;
        for (int i = 0; i < THREADS; i++) {
            Matcher placed = ORDER_ID.matcher(answers.get(i).getStatusCode() == 201 ? answers.get(i).getBody() : "");
            if (placed.find()) {
                String order = placed.group(1);
                Map<String, String> own = Map.of("actor", subject(i), "lambda_request_id", requestId(i));
                assertThat(Db.rows("SELECT owner_id FROM customer_order WHERE id = ?::uuid", order))
                    .containsExactly(Map.of("owner_id", subject(i)));
                assertThat(Db.rows("SELECT actor, lambda_request_id FROM audit_entry WHERE entity_id = ?", order))
                    .isNotEmpty()
                    .allSatisfy(row -> assertThat(row).isEqualTo(own));
                assertThat(Db.count("SELECT count(*) FROM outbox_event WHERE aggregate_id = ? "
                    + "AND event_type = 'order.placed'", order)).isEqualTo(1);
                traced++;
            }
        }
        assertThat(traced).as("placed orders traced to their invocations").isEqualTo(10);
        assertThat(Catalogue.stock(scarce)).isZero();
        assertThat(Catalogue.conserved(scarce)).isTrue();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor LIKE ? AND action = 'ATTEMPT_FAILED'",
            "caller-" + run + "-%")).isEqualTo(THREADS - 10);
        assertThreadsLeftClean();
    }

    @Test
    void handlesEveryMessageOnceWhen64BatchesArriveAtOnce() throws Exception {
        List<SQSEvent> events = read(i -> Messages.event(List.of(Messages.body("task-create.json",
            Map.of("id", run + "-" + i, "subject", subject(i), "title", title(i)))), null));

        List<SQSBatchResponse> answers;
        try (QueueHandler environment = new QueueHandler(environment())) {
            answers = atOnce(i -> environment.handleRequest(events.get(i), context("queue-consumer", i)));
        }

        assertThat(answers).allSatisfy(a -> assertThat(a.getBatchItemFailures()).isEmpty());
        for (int i = 0; i < THREADS; i++) {
            assertThat(Db.rows("SELECT a.correlation_id, a.lambda_request_id FROM task t JOIN audit_entry a "
                + "ON a.entity_id = t.id::text WHERE t.owner_id = ? AND t.title = ?", subject(i), title(i)))
                .containsExactly(Map.of("correlation_id", "corr-" + run + "-" + i, "lambda_request_id", requestId(i)));
        }
        assertThreadsLeftClean();
    }

    @Test
    void expiresEachDueOrderOnceWhen64ScheduledRunsOverlap() throws Exception {
        UUID product = Catalogue.product("EUR", 100, THREADS);
        List<UUID> due = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            due.add(Catalogue.placedOrder(product, subject(0), 1, "3 days"));
        }

        List<ScheduledEvent> events = read(i -> {
            ScheduledEvent event = EventLoader.loadScheduledEvent(ScheduledRuns.SAMPLE);
            event.setId(eventId(i));
            return event;
        });

        List<Map<String, Object>> summaries;
        try (ScheduledHandler environment = new ScheduledHandler(environment()); LogCapture logs = new LogCapture()) {
            summaries = atOnce(i -> environment.handleRequest(events.get(i), context("scheduled-jobs", i)));

            assertThat(logs.of("dev.atomicfunctions.jobs.ScheduledJobs")).filteredOn(e -> e.getFormattedMessage()
                .startsWith("scheduled run done")).hasSize(THREADS).allSatisfy(e -> {
                    String requestId = e.getMDCPropertyMap().get(LogFields.LAMBDA_REQUEST_ID);
                    assertThat(e.getMDCPropertyMap()).containsEntry(LogFields.SCHEDULE_EVENT_ID,
                        eventId(index(requestId)));
                });
        }
        assertThat(summaries).allSatisfy(summary -> assertThat(summary).containsEntry("stoppedForDeadline", false));
        for (UUID order : due) {
            assertThat(Db.rows("SELECT request_id, lambda_request_id FROM audit_entry WHERE entity_id = ? "
                + "AND action = 'EXPIRE'", order.toString())).singleElement().satisfies(row ->
                assertThat(row.get("request_id")).isEqualTo(eventId(index((String) row.get("lambda_request_id")))));
        }
        assertThat(Catalogue.stock(product)).isEqualTo(THREADS);
        assertThat(Catalogue.conserved(product)).isTrue();
        assertThreadsLeftClean();
    }

    @Test
    void sizesThePoolByTheEnvironmentsConcurrency() {
        try (HttpApiFunction managed = new HttpApiFunction(environment());
             HttpApiFunction onDemand = new HttpApiFunction(new LambdaApplicationContextBuilder().build())) {
            assertThat(hikari(managed).getMaximumPoolSize()).isEqualTo(THREADS);
            assertThat(hikari(onDemand).getMaximumPoolSize()).isEqualTo(1);
        }
    }

    private static HikariDataSource hikari(HttpApiFunction handler) {
        return (HikariDataSource) DelegatingDataSource.unwrapDataSource(
            handler.getApplicationContext().getBean(DataSource.class));
    }

    @Test
    void primesAtInitWhereThereIsNoSnapshotAndKeepsNothing() {
        try (LogCapture logs = new LogCapture(); HttpApiFunction environment = new HttpApiFunction(environment())) {
            assertThat(logs.of("dev.atomicfunctions.http.request.Priming")).singleElement().satisfies(primed -> {
                assertThat(keyValue(primed, "occasion")).isEqualTo("init");
                assertThat(keyValue(primed, "statuses")).isEqualTo("[200, 201, 400, 200, 422, 201, 201]");
            });
            assertThat(environment.getApplicationContext().getBean(DataSource.class)).isNotNull();
        }
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = 'system:snapstart-priming'")).isZero();
        assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = 'system:snapstart-priming'")).isZero();
        assertThat(Db.count("SELECT count(*) FROM product WHERE sku LIKE 'SNAPSTART-PRIMING-%'")).isZero();
        assertThat(Db.count("SELECT count(*) FROM customer_order WHERE owner_id = 'system:snapstart-priming'"))
            .isZero();
    }

    private static String keyValue(ch.qos.logback.classic.spi.ILoggingEvent event, String key) {
        return event.getKeyValuePairs().stream().filter(pair -> pair.key.equals(key))
            .map(pair -> String.valueOf(pair.value)).findFirst().orElse(null);
    }

    /**
     * What Lambda does on Managed Instances: one context, many invocations, the pool as wide as they are; priming
     * at init, one round here (the deployed 300 would only make the test slower).
     */
    private static io.micronaut.context.ApplicationContext environment() {
        return new LambdaApplicationContextBuilder().properties(Map.of(
            "AWS_LAMBDA_MAX_CONCURRENCY", String.valueOf(THREADS), "atomic.snapstart.priming-rounds", 1)).build();
    }

    /** Each invocation's event, built before the race, so that what races is the invocations alone. */
    private static <E> List<E> read(IntFunction<E> event) {
        List<E> events = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            events.add(event.apply(i));
        }
        return events;
    }

    /** Runs the invocations on 64 threads released together; each answer at its invocation's index. */
    private <T> List<T> atOnce(IntFunction<T> invocation) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            futures.add(threads.submit(() -> {
                start.await();
                return invocation.apply(index);
            }));
        }
        List<T> answers = new ArrayList<>();
        for (Future<T> future : futures) {
            answers.add(future.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    /** Each of the 64 threads, held at a barrier so that every one is asked: nothing of an invocation stayed on it. */
    private void assertThreadsLeftClean() throws Exception {
        List<String> left = atOnce(i -> {
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            return Deadline.remainingMillis() != Deadline.UNKNOWN_REMAINING_MILLIS ? "a deadline"
                : mdc != null && !mdc.isEmpty() ? "log context " + mdc.keySet() : "";
        });
        assertThat(left).allMatch(String::isEmpty);
    }

    private TestLambdaContext context(String function, int i) {
        // Each invocation its own time left, as each arrived at its own moment.
        return new TestLambdaContext(function, requestId(i),
            System.nanoTime() + Duration.ofSeconds(20).plusMillis(10L * i).toNanos());
    }

    private String subject(String requestId) {
        return subject(index(requestId));
    }

    private String correlation(String requestId) {
        return correlation(index(requestId));
    }

    private static int index(String requestId) {
        return Integer.parseInt(requestId.substring(requestId.lastIndexOf('-') + 1));
    }

    private String subject(int i) {
        return "caller-" + run + "-" + i;
    }

    private String title(int i) {
        return "task " + i + " of run " + run;
    }

    private String correlation(int i) {
        return "correlation-" + run + "-" + i;
    }

    private String eventId(int i) {
        return "event-" + run + "-" + i;
    }

    private String requestId(int i) {
        return "request-" + run + "-" + i;
    }
}
