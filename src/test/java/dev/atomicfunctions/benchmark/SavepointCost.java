package dev.atomicfunctions.benchmark;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.Postgres;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.http.request.HttpApiFunction;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What a savepoint per item costs, measured (no assertion): a batch of 100 items, each a task row and its audit row,
 * in one transaction, against a real PostgreSQL ({@code DB_URL} or an embedded one).
 * <ol>
 *   <li>Plain JDBC, with the functions' driver settings: no savepoint, against {@code Connection.setSavepoint()} and
 *   {@code releaseSavepoint()} around each item, which is what Micronaut Data's {@code NESTED} sends (a
 *   {@code SAVEPOINT} and a {@code RELEASE SAVEPOINT} statement, one round trip each).</li>
 *   <li>The real v2 handler in process: {@code POST /tasks/batch} with 100 items (savepoint per item), the same with
 *   {@code atomic=true}, and, for scale, 100 separate {@code POST /tasks} (100 transactions).</li>
 * </ol>
 * Variants alternate within each round, so that drift (a growing table, a busy machine) hits them alike; medians are
 * taken over the rounds, and the savepoint overhead also as the median of the per-round differences.
 * <p>
 * Run (with {@code JAVA_HOME} a JDK 25): {@code LOG_LEVEL=WARN ./mvnw -o -q test-compile exec:exec
 * -Dexec.executable=$JAVA_HOME/bin/java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath dev.atomicfunctions.benchmark.SavepointCost"}; system properties (before
 * {@code -cp}) {@code savepoints.rounds} (default 200) and {@code savepoints.handlerRounds} (default 60).
 */
public final class SavepointCost {

    private static final int ITEMS = 100;
    private static final int WARMUP = 30;

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("savepoints.rounds", 200);
        int handlerRounds = Integer.getInteger("savepoints.handlerRounds", 60);
        Postgres postgres = BenchmarkDatabase.migrated();
        System.out.printf(Locale.ROOT, "PostgreSQL: %s; %d items per batch; JDK %s; %d cores%n", postgres.origin(),
            ITEMS, Runtime.version(), Runtime.getRuntime().availableProcessors());

        Map<String, List<Double>> jdbc = jdbc(postgres, rounds);
        report("plain JDBC, one transaction of " + ITEMS + " items (" + rounds + " rounds)", jdbc,
            "no savepoint", "savepoint per item");

        Map<String, List<Double>> handler = handler(handlerRounds);
        report("real v2 handler, in process (" + handlerRounds + " rounds)", handler,
            "POST /tasks/batch", "POST /tasks/batch?atomic=true");
        System.out.printf(Locale.ROOT, "  100 x POST /tasks (100 transactions): median %.2f ms; one batch is %.1fx "
            + "faster%n", median(handler.get("100 x POST /tasks")),
            median(handler.get("100 x POST /tasks")) / median(handler.get("POST /tasks/batch")));
        double savepoints = pairedDifference(jdbc, "no savepoint", "savepoint per item");
        System.out.printf(Locale.ROOT, "  the savepoints' share of a POST /tasks/batch of %d items (JDBC overhead / "
            + "handler median): %.2f ms of %.2f ms = %.0f%%%n", ITEMS, savepoints, median(handler.get("POST /tasks/batch")),
            100 * savepoints / median(handler.get("POST /tasks/batch")));
        System.exit(0);
    }

    private static Map<String, List<Double>> jdbc(Postgres postgres, int rounds) throws SQLException {
        String url = postgres.url() + (postgres.url().contains("?") ? "&" : "?") + "prepareThreshold=0";
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        millis.put("no savepoint", new ArrayList<>());
        millis.put("savepoint per item", new ArrayList<>());
        try (Connection connection = DriverManager.getConnection(url, postgres.username(), postgres.password())) {
            connection.setAutoCommit(false);
            for (int round = -WARMUP; round < rounds; round++) {
                boolean savepointsFirst = (round & 1) == 1;
                for (boolean savepoints : savepointsFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    long start = System.nanoTime();
                    jdbcBatch(connection, savepoints);
                    double elapsed = (System.nanoTime() - start) / 1e6;
                    if (round >= 0) {
                        millis.get(savepoints ? "savepoint per item" : "no savepoint").add(elapsed);
                    }
                }
            }
        }
        return millis;
    }

    private static void jdbcBatch(Connection c, boolean savepoints) throws SQLException {
        String owner = "bench-jdbc-" + UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS));
        try (PreparedStatement task = c.prepareStatement("INSERT INTO task (id, owner_id, title, description, "
            + "completed, created_at, updated_at, version) VALUES (?, ?, ?, NULL, false, ?, ?, 1)");
             PreparedStatement audit = c.prepareStatement("INSERT INTO audit_entry (action, entity_type, entity_id, "
                 + "actor, origin, request_id, correlation_id, lambda_request_id, occurred_at, changed_fields, reason) "
                 + "VALUES ('CREATE', 'task', ?, ?, 'HTTP', ?, ?, ?, ?, ?, NULL)")) {
            for (int i = 0; i < ITEMS; i++) {
                Savepoint savepoint = savepoints ? c.setSavepoint() : null;
                UUID id = UUID.randomUUID();
                task.setObject(1, id);
                task.setString(2, owner);
                task.setString(3, "item " + i);
                task.setTimestamp(4, now);
                task.setTimestamp(5, now);
                task.executeUpdate();
                audit.setString(1, id.toString());
                audit.setString(2, owner);
                audit.setString(3, "request");
                audit.setString(4, "correlation");
                audit.setString(5, "lambda-request");
                audit.setTimestamp(6, now);
                audit.setArray(7, c.createArrayOf("text", new String[] {"title", "completed"}));
                audit.executeUpdate();
                if (savepoint != null) {
                    c.releaseSavepoint(savepoint);
                }
            }
        }
        c.commit();
    }

    private static Map<String, List<Double>> handler(int rounds) {
        String batch = "{\"items\":[" + String.join(",", Collections.nCopies(ITEMS,
            "{\"title\":\"benchmark item\"}")) + "]}";
        Map<String, Supplier<APIGatewayV2HTTPEvent>> variants = new LinkedHashMap<>();
        variants.put("POST /tasks/batch", () -> Events.v2("POST", "/tasks/batch", owner(), batch));
        variants.put("POST /tasks/batch?atomic=true", () -> atomic(Events.v2("POST", "/tasks/batch", owner(), batch)));
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        variants.keySet().forEach(name -> millis.put(name, new ArrayList<>()));
        millis.put("100 x POST /tasks", new ArrayList<>());
        try (HttpApiFunction function = new HttpApiFunction()) {
            for (int round = -WARMUP; round < rounds; round++) {
                List<String> order = new ArrayList<>(millis.keySet());
                Collections.rotate(order, Math.floorMod(round, order.size()));
                for (String name : order) {
                    long start = System.nanoTime();
                    if (name.equals("100 x POST /tasks")) {
                        String owner = owner();
                        for (int i = 0; i < ITEMS; i++) {
                            expect(201, function.handleRequest(Events.v2("POST", "/tasks", owner,
                                "{\"title\":\"benchmark item\"}"), new TestLambdaContext("tasks-api")));
                        }
                    } else {
                        expect(200, function.handleRequest(variants.get(name).get(), new TestLambdaContext("tasks-api")));
                    }
                    double elapsed = (System.nanoTime() - start) / 1e6;
                    if (round >= 0) {
                        millis.get(name).add(elapsed);
                    }
                }
            }
        }
        return millis;
    }

    private static APIGatewayV2HTTPEvent atomic(APIGatewayV2HTTPEvent event) {
        event.setRawQueryString("atomic=true");
        event.setQueryStringParameters(Map.of("atomic", "true"));
        return event;
    }

    private static String owner() {
        return "bench-" + UUID.randomUUID();
    }

    private static void expect(int status, APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException(response.getStatusCode() + " " + response.getBody());
        }
    }

    private static void report(String title, Map<String, List<Double>> millis, String base, String other) {
        System.out.println(title);
        millis.forEach((name, values) -> System.out.printf(Locale.ROOT,
            "  %-32s median %8.2f ms  p10 %8.2f  p90 %8.2f%n", name, median(values), percentile(values, 10),
            percentile(values, 90)));
        double pairedMedian = pairedDifference(millis, base, other);
        System.out.printf(Locale.ROOT, "  %s vs %s: median of per-round differences %+.2f ms per batch = %+.1f us "
                + "per item (%+.1f%%)%n", other, base, pairedMedian, pairedMedian * 1000 / ITEMS,
            100 * pairedMedian / median(millis.get(base)));
    }

    /** @return the median of the per-round differences {@code other - base}, in ms */
    private static double pairedDifference(Map<String, List<Double>> millis, String base, String other) {
        List<Double> a = millis.get(base);
        List<Double> b = millis.get(other);
        double[] differences = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            differences[i] = b.get(i) - a.get(i);
        }
        return median(Arrays.stream(differences).boxed().toList());
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Double> values, int percent) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double rank = percent / 100.0 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
