package dev.atomicfunctions.platform;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.zaxxer.hikari.HikariDataSource;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.support.WireLog;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import dev.atomicfunctions.http.request.HttpApiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SnapStart: before the checkpoint the function primes its request path (a read, a write, a refused write, an order
 * refused by the database's answer) in a dry run, then empties its pool: the snapshot holds no database connection
 * and nothing the priming wrote; the restored function serves the next request. Checkpoint and restore are
 * simulated with micronaut-crac's simulator, which runs the same CRaC resources Lambda runs around a snapshot, in
 * the same order.
 */
@ExtendWith(TestDatabase.class)
class SnapStartIT {

    private static final String PRIMING_LOGGER = "dev.atomicfunctions.http.request.Priming";
    private static final String PRIMING_SUBJECT = "system:snapstart-priming";
    private static final List<String> TABLES = List.of("task", "audit_entry", "idempotency_record", "product",
        "stock_movement", "customer_order", "order_line", "outbox_event");

    private final String pool = "snapstart-" + UUID.randomUUID();

    @Test
    void closesEveryConnectionBeforeTheSnapshotAndServesAfterRestore() throws InterruptedException {
        String owner = "snap-" + UUID.randomUUID();
        try (HttpApiFunction handler = function(Map.of())) {
            assertThat(create(handler, owner, "before the snapshot").getStatusCode()).isEqualTo(201);
            assertThat(connections()).isEqualTo(1);
            CheckpointSimulator snapshot = simulator(handler);

            snapshot.runBeforeCheckpoint();
            awaitConnections(0);
            snapshot.runAfterRestore();
            APIGatewayV2HTTPResponse afterRestore = create(handler, owner, "after the restore");

            assertThat(afterRestore.getStatusCode()).isEqualTo(201);
            assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isEqualTo(2);
            assertThat(connections()).isEqualTo(1);
        }
    }

    @Test
    void primesTheRequestPathBeforeTheSnapshotAndKeepsNoRowAndNoConnection() throws InterruptedException {
        String owner = "snap-" + UUID.randomUUID();
        try (LogCapture logs = new LogCapture();
             HttpApiFunction handler = function(Map.of(
                 "datasources.default.data-source-properties.socketFactory", WireLog.class.getName()))) {
            CheckpointSimulator snapshot = simulator(handler);
            Map<String, Long> rows = rows();
            int mark = WireLog.mark();

            snapshot.runBeforeCheckpoint();

            // Every request answered as it should: the write was created (201) and its transaction reached the
            // database, which was told to roll it back; the first order reached the database, which knew no such
            // product; the product and the order for it were created (201, 201), in a transaction rolled back.
            ILoggingEvent primed = logs.of(PRIMING_LOGGER).getFirst();
            assertThat(primed.getFormattedMessage()).contains("7 requests, 2 rounds");
            assertThat(keyValue(primed, "statuses")).isEqualTo("[200, 201, 400, 200, 422, 201, 201]");
            List<String> sent = statements(WireLog.since(mark));
            assertThat(sent).anyMatch(sql -> sql.startsWith("INSERT INTO \"task\""))
                .anyMatch(sql -> sql.startsWith("SELECT * FROM product"))
                .anyMatch(sql -> sql.startsWith("INSERT INTO audit_entry"));
            // In each of the two rounds, the two reads commit; the write, the refused order and its failed-attempt
            // audit roll back, and so does the transaction of the product and its order.
            assertThat(keyValue(primed, "rounds")).isEqualTo("2");
            assertThat(sent).filteredOn("BEGIN READ ONLY"::equals).hasSize(4);
            assertThat(sent).filteredOn("COMMIT"::equals).hasSize(4);
            assertThat(sent).filteredOn("ROLLBACK"::equals).hasSize(8);
            assertThat(sent).anyMatch(sql -> sql.startsWith("INSERT INTO \"customer_order\""))
                .anyMatch(sql -> sql.startsWith("INSERT INTO outbox_event"));
            assertThat(logs.of("transaction")).filteredOn(e -> "TaskCommands.create".equals(keyValue(e, "boundary")))
                .hasSize(2).allSatisfy(e -> assertThat(keyValue(e, "outcome")).isEqualTo("rolled back (dry run)"));
            // Nothing kept, no connection left in the pool nor on the server.
            assertThat(rows()).isEqualTo(rows);
            assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", PRIMING_SUBJECT)).isZero();
            awaitConnections(0);
            assertThat(hikari(handler).getHikariPoolMXBean().getTotalConnections()).isZero();

            snapshot.runAfterRestore();
            APIGatewayV2HTTPResponse first = create(handler, owner, "first after the restore");

            assertThat(first.getStatusCode()).isEqualTo(201);
            assertThat(Db.count("SELECT count(*) FROM task WHERE owner_id = ?", owner)).isEqualTo(1);
            assertThat(connections()).isEqualTo(1);
        }
    }

    @Test
    void primesWithTheDeployedHandlersPayloadVersionAndNothingInAFunctionThatServesNoApi() {
        try (LogCapture logs = new LogCapture()) {
            try (HttpApiFunction restApi = function(Map.of("atomic.snapstart.handler",
                "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction::handleRequest"))) {
                simulator(restApi).runBeforeCheckpoint();
            }
            try (HttpApiFunction httpApi = function(Map.of("atomic.snapstart.handler",
                HttpApiFunction.class.getName() + "::handleRequest"))) {
                simulator(httpApi).runBeforeCheckpoint();
            }
            try (HttpApiFunction queue = function(Map.of("atomic.snapstart.handler",
                "dev.atomicfunctions.queue.QueueHandler"))) {
                simulator(queue).runBeforeCheckpoint();
            }

            assertThat(logs.of(PRIMING_LOGGER)).satisfiesExactly(
                v1 -> assertThat(keyValue(v1, "statuses")).isEqualTo("[200, 201, 400, 200, 422, 201, 201]"),
                v2 -> assertThat(keyValue(v2, "statuses")).isEqualTo("[200, 201, 400, 200, 422, 201, 201]"),
                queue -> assertThat(queue.getFormattedMessage()).contains("skipped"));
        }
    }

    @Test
    void primesNothingWithoutACheckpointNorWhenTurnedOff() {
        try (LogCapture logs = new LogCapture()) {
            try (HttpApiFunction coldStart = function(Map.of())) {
                assertThat(create(coldStart, "snap-" + UUID.randomUUID(), "cold").getStatusCode()).isEqualTo(201);
            }
            try (HttpApiFunction off = function(Map.of("atomic.snapstart.priming", "false"))) {
                assertThat(off.getApplicationContext().getBeansOfType(OrderedResource.class))
                    .noneMatch(r -> r.getClass().getName().contains("SnapStartPriming"));
                simulator(off).runBeforeCheckpoint();
            }
            assertThat(logs.of(PRIMING_LOGGER)).isEmpty();
        }
    }

    @Test
    void thePrimingSubjectIsRefusedFromOutside() {
        try (HttpApiFunction handler = function(Map.of())) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(Events.v2("GET", "/tasks", PRIMING_SUBJECT,
                null), new TestLambdaContext("tasks-api"));

            assertThat(response.getStatusCode()).isEqualTo(401);
        }
    }

    private HttpApiFunction function(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("datasources.default.data-source-properties.ApplicationName", pool);
        // One round, the collection, and the last round: two rounds in all, which prove the loop; the default's
        // 300 would only make the test slower.
        all.putIfAbsent("atomic.snapstart.priming-rounds", 1);
        return new HttpApiFunction(new LambdaApplicationContextBuilder().properties(all).build());
    }

    /**
     * micronaut-crac's simulator over the handler's CRaC resources, in their order. Built here because the shaded
     * jar's Micronaut AOT service list leaves out beans of the test environment, the simulator among them.
     */
    private static CheckpointSimulator simulator(HttpApiFunction handler) {
        List<OrderedResource> resources = new ArrayList<>(
            handler.getApplicationContext().getBeansOfType(OrderedResource.class));
        OrderUtil.sort(resources);
        assertThat(resources).as("CRaC resources registered by the function").isNotEmpty();
        return new DefaultCheckpointSimulator(resources);
    }

    private static HikariDataSource hikari(HttpApiFunction handler) {
        return (HikariDataSource) DelegatingDataSource.unwrapDataSource(
            handler.getApplicationContext().getBean(DataSource.class));
    }

    private static APIGatewayV2HTTPResponse create(HttpApiFunction handler, String owner, String title) {
        return handler.handleRequest(Events.v2("POST", "/tasks", owner, "{\"title\":\"" + title + "\"}"),
            new TestLambdaContext("tasks-api"));
    }

    private static Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        TABLES.forEach(table -> rows.put(table, Db.count("SELECT count(*) FROM " + table)));
        return rows;
    }

    private static List<String> statements(List<WireLog.Entry> entries) {
        return entries.stream().filter(e -> e.kind() == WireLog.Kind.STATEMENT).map(WireLog.Entry::sql).toList();
    }

    private static String keyValue(ILoggingEvent event, String key) {
        return event.getKeyValuePairs().stream().filter(kv -> kv.key.equals(key)).map(kv -> String.valueOf(kv.value))
            .findFirst().orElse(null);
    }

    private long connections() {
        return Db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", pool);
    }

    /** Hikari closes evicted connections on its own thread: wait (bounded) for the server to see them go. */
    private void awaitConnections(long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(connections()).as("connections of the pool at checkpoint").isEqualTo(expected);
    }
}
