package dev.atomicfunctions.benchmark;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.Postgres;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.support.WireLog;
import dev.atomicfunctions.http.request.HttpApiFunction;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What each benchmark request sends to PostgreSQL, counted on the driver's socket ({@link WireLog}): the statements
 * and the round trips of one warm request of the real handler (in process, as Lambda builds it) and of its plain-JDBC
 * floor, after warm-up, and once more after the connection sat idle (Hikari checks a connection idle for more than
 * 500 ms before handing it out). Measured, no assertion; {@code StatementsPerRequestIT} holds the real path to its
 * statements.
 * <p>
 * Run (with {@code JAVA_HOME} a JDK 25): {@code LOG_LEVEL=WARN ./mvnw -o -q test-compile exec:exec
 * -Dexec.executable=$JAVA_HOME/bin/java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath dev.atomicfunctions.benchmark.RoundTrips"}. Uses {@code DB_URL}, {@code DB_USERNAME},
 * {@code DB_PASSWORD} when set, an embedded PostgreSQL otherwise. The floor handlers read their database from the
 * environment, so the tool starts itself again with {@code socketFactory} added to {@code DB_URL}.
 */
public final class RoundTrips {

    private static final String FACTORY = "socketFactory=" + WireLog.class.getName();
    private static final int WARM_UP = 30;
    private static final int RECORDED = 5;

    public static void main(String[] args) throws Exception {
        String url = System.getenv("DB_URL");
        if (url == null || !url.contains(FACTORY)) {
            System.exit(relaunch(url));
        }
        Postgres postgres = new Postgres(url, System.getenv("DB_USERNAME"), System.getenv("DB_PASSWORD"), "DB_URL");
        BenchmarkDatabase.migrate(postgres);
        BenchmarkDatabase.seed(postgres);
        Map<String, List<Request>> rows = new LinkedHashMap<>();
        System.setProperty("datasources.default.data-source-properties.ApplicationName", "round-trips");
        int started = WireLog.mark();
        HttpApiFunction real = new HttpApiFunction();
        // Hikari's house keeper opens the pool's one connection in the background, about 100 ms after the pool
        // starts (minimum-idle 1): give it that time, so that the first request's line shows the request alone.
        Thread.sleep(1000);
        rows.put("Connection opened by the pool (once per environment, and after every SnapStart restore)",
            List.of(setup(WireLog.since(started))));
        for (Scenario scenario : Scenario.ALL) {
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> floor = floor(scenario);
            Supplier<APIGatewayV2HTTPEvent> event = () -> event(scenario);
            List<Request> requests = new ArrayList<>();
            if (scenario == Scenario.ALL.getFirst()) {
                requests.add(record("real, first request (the pool opens its connection)", real::handleRequest, event));
            }
            requests.add(record("floor, first request (opens its connection)", floor::handleRequest, event));
            requests.add(measure("real", real::handleRequest, event));
            requests.add(measure("floor", floor::handleRequest, event));
            requests.add(afterIdle("real, connection idle 600 ms", real::handleRequest, event));
            rows.put(scenario.name(), requests);
        }
        rows.put("GET /tasks (HTTP API v2)", List.of(measure("real", real::handleRequest, () -> {
            APIGatewayV2HTTPEvent get = event(Scenario.ALL.getFirst());
            return Events.route(get, "GET", "/tasks", null);
        })));
        print(rows);
        real.close();
        System.exit(0);
    }

    private record Request(String who, int status, List<String> statements, long roundTrips) {
    }

    private interface Handler {
        APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, com.amazonaws.services.lambda.runtime.Context c);
    }

    private static Request measure(String who, Handler handler, Supplier<APIGatewayV2HTTPEvent> event) {
        for (int i = 0; i < WARM_UP; i++) {
            handler.handle(event.get(), new TestLambdaContext("round-trips"));
        }
        Request first = null;
        for (int i = 0; i < RECORDED; i++) {
            Request request = record(who, handler, event);
            if (first != null && (!first.statements().equals(request.statements())
                || first.roundTrips() != request.roundTrips())) {
                throw new IllegalStateException(who + ": requests differ: " + first + " / " + request);
            }
            first = request;
        }
        return first;
    }

    private static Request setup(List<WireLog.Entry> entries) {
        return new Request("the pool's connection, before any request", 0, entries.stream()
            .filter(e -> e.kind() == WireLog.Kind.STATEMENT).map(e -> e.sql().replaceAll("\\s+", " ").strip())
            .toList(), entries.stream().filter(e -> e.kind() == WireLog.Kind.ROUND_TRIP).count());
    }

    private static Request afterIdle(String who, Handler handler, Supplier<APIGatewayV2HTTPEvent> event)
        throws InterruptedException {
        Thread.sleep(600);
        return record(who, handler, event);
    }

    private static Request record(String who, Handler handler, Supplier<APIGatewayV2HTTPEvent> event) {
        int mark = WireLog.mark();
        int status = handler.handle(event.get(), new TestLambdaContext("round-trips")).getStatusCode();
        List<WireLog.Entry> entries = WireLog.since(mark);
        return new Request(who, status, entries.stream().filter(e -> e.kind() == WireLog.Kind.STATEMENT)
            .map(e -> e.sql().replaceAll("\\s+", " ").strip()).toList(),
            entries.stream().filter(e -> e.kind() == WireLog.Kind.ROUND_TRIP).count());
    }

    private static void print(Map<String, List<Request>> rows) {
        if (WireLog.opaque()) {
            System.out.println("TLS connection: statements not readable");
        }
        rows.forEach((scenario, requests) -> {
            System.out.println("\n## " + scenario);
            for (Request request : requests) {
                System.out.printf(Locale.ROOT, "%n%s: status %d, %d statements, %d round trips%n", request.who(),
                    request.status(), request.statements().size(), request.roundTrips());
                for (String sql : request.statements()) {
                    System.out.println("  " + (sql.isEmpty() ? "(empty query: isValid)"
                        : sql.length() > 110 ? sql.substring(0, 110) + "..." : sql));
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> floor(Scenario scenario)
        throws ReflectiveOperationException {
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(scenario.floorHandler())
            .getDeclaredConstructor().newInstance();
    }

    private static APIGatewayV2HTTPEvent event(Scenario scenario) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(scenario.eventResource());
        event.getRequestContext().setRequestId(UUID.randomUUID().toString());
        return event;
    }

    /** Starts this tool again with the wire log in {@code DB_URL}, on an embedded PostgreSQL when none is given. */
    private static int relaunch(String url) throws Exception {
        Postgres postgres = Optional.ofNullable(Postgres.fromEnvironment()).orElseGet(() -> Postgres.embedded(null));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), RoundTrips.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DB_URL", postgres.url() + (postgres.url().contains("?") ? "&" : "?") + FACTORY);
        builder.environment().put("DB_USERNAME", postgres.username());
        builder.environment().put("DB_PASSWORD", postgres.password() == null ? "" : postgres.password());
        return builder.start().waitFor();
    }
}
