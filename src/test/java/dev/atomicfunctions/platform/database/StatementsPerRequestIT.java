package dev.atomicfunctions.platform.database;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.support.WireLog;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import dev.atomicfunctions.http.request.HttpApiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * What a request really sends to PostgreSQL, read on the driver's socket ({@link WireLog}): exactly the statements
 * of its work, in as many round trips as plain JDBC needs for them (the benchmark's floor), and nothing to set up or
 * inspect the session: no {@code SET}, no {@code SHOW}, neither per request nor when the pool opens its connection
 * (a {@code SET} would also pin the session in RDS Proxy). {@code benchmark.RoundTrips} prints the same, side by side
 * with the floor.
 */
@ExtendWith(TestDatabase.class)
class StatementsPerRequestIT {

    private static final String POOL = "statements-" + UUID.randomUUID();
    private static int opened;
    private static HttpApiFunction handler;

    @BeforeAll
    static void start() {
        opened = WireLog.mark();
        handler = new HttpApiFunction(new LambdaApplicationContextBuilder()
            .properties(Map.of("datasources.default.data-source-properties.ApplicationName", POOL,
                "datasources.default.data-source-properties.socketFactory", WireLog.class.getName()))
            .build());
    }

    @AfterAll
    static void stop() {
        handler.close();
    }

    @Test
    void theConnectionIsOpenedWithoutASetAndCarriesItsApplicationName() {
        assertThat(send("GET", "/tasks", null).getStatusCode()).isEqualTo(200);
        assumeFalse(WireLog.opaque(), "a TLS connection: its statements cannot be read");

        assertThat(statements(WireLog.since(opened))).noneMatch(sql -> sql.toUpperCase().startsWith("SET "));
        assertThat(Db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", POOL)).isEqualTo(1);
    }

    @Test
    void postTasksSendsItsTwoInsertsInOneTransactionAndNothingElse() {
        send("POST", "/tasks", "{\"title\":\"warm-up\"}");

        Request request = record("POST", "/tasks", "{\"title\":\"counted\"}");

        assertThat(request.status()).isEqualTo(201);
        assertThat(request.statements()).satisfiesExactly(
            sql -> assertThat(sql).isEqualTo("BEGIN"),
            sql -> assertThat(sql).startsWith("INSERT INTO \"task\""),
            sql -> assertThat(sql).startsWith("INSERT INTO audit_entry"),
            sql -> assertThat(sql).isEqualTo("COMMIT"));
        // BEGIN travels with the first INSERT, as plain JDBC sends it.
        assertThat(request.roundTrips()).isEqualTo(3);
    }

    @Test
    void postOrdersSendsNoIsolationQueryOrSetting() {
        List<UUID> products = List.of(Catalogue.product("EUR", 100, 1000), Catalogue.product("EUR", 250, 1000),
            Catalogue.product("EUR", 990, 1000));
        String body = "{\"lines\":[" + String.join(",", products.stream()
            .map(id -> "{\"productId\":\"" + id + "\",\"quantity\":2}").toList()) + "]}";
        send("POST", "/orders", body);

        Request request = record("POST", "/orders", body);

        assertThat(request.status()).isEqualTo(201);
        List<String> expected = new ArrayList<>(List.of("BEGIN", "SELECT * FROM product"));
        expected.add("UPDATE product p SET stock");
        products.forEach(p -> expected.add("INSERT INTO \"stock_movement\""));
        expected.add("INSERT INTO \"customer_order\"");
        products.forEach(p -> expected.add("INSERT INTO \"order_line\""));
        expected.addAll(List.of("INSERT INTO audit_entry", "INSERT INTO outbox_event", "COMMIT"));
        assertThat(request.statements()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(request.statements().get(i)).as("statement %d", i + 1).startsWith(expected.get(i));
        }
        // One each, whatever the number of lines: BEGIN with the lock, every stock update, all the movements in one
        // batch, the order, all its lines in one batch, the audit row, the event, COMMIT.
        assertThat(request.roundTrips()).isEqualTo(8);
    }

    private record Request(int status, List<String> statements, long roundTrips) {
    }

    /**
     * One request as the wire saw it. A connection idle for more than 500 ms is checked by the pool first (its
     * validation query, one round trip): a slow machine may pause that long between two requests, so that check is
     * left out of what the request itself sent.
     */
    private static Request record(String method, String path, String body) {
        int mark = WireLog.mark();
        int status = send(method, path, body).getStatusCode();
        assumeFalse(WireLog.opaque(), "a TLS connection: its statements cannot be read");
        List<WireLog.Entry> entries = new ArrayList<>(WireLog.since(mark));
        if (entries.size() >= 2 && "SELECT 1".equals(entries.getFirst().sql())
            && entries.get(1).kind() == WireLog.Kind.ROUND_TRIP) {
            entries = entries.subList(2, entries.size());
        }
        return new Request(status, statements(entries),
            entries.stream().filter(e -> e.kind() == WireLog.Kind.ROUND_TRIP).count());
    }

    private static List<String> statements(List<WireLog.Entry> entries) {
        return entries.stream().filter(e -> e.kind() == WireLog.Kind.STATEMENT)
            .map(e -> e.sql().replaceAll("\\s+", " ").strip()).toList();
    }

    private static APIGatewayV2HTTPResponse send(String method, String path, String body) {
        return handler.handleRequest(Events.v2(method, path, "statements-" + POOL, body),
            new TestLambdaContext("tasks-api"));
    }
}
