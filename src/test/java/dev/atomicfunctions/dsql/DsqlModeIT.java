package dev.atomicfunctions.dsql;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.atomicfunctions.local.LocalApiGateway;
import dev.atomicfunctions.migration.MigrationHandler;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.DsqlEmulation;
import dev.atomicfunctions.support.Http;
import dev.atomicfunctions.support.LogCapture;
import dev.atomicfunctions.support.SystemProperties;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DB_ENGINE=dsql against PostgreSQL made to behave like Aurora DSQL ({@link DsqlEmulation}): a database of its own,
 * migrated by the real migration function from {@code db/dsql}, every transaction at REPEATABLE READ, and whatever
 * DSQL refuses refused before it reaches the server. The functions must work there without one refusal.
 */
@ExtendWith(TestDatabase.class)
class DsqlModeIT {

    static final String DATABASE = "atomic_dsql";

    private static LocalApiGateway gateway;
    private static Http http;
    private static int refusedBefore;

    @BeforeAll
    static void startTheFunctionsOnEmulatedDsql() throws IOException {
        DsqlEmulation.register();
        if (Db.count("SELECT count(*) FROM pg_database WHERE datname = ?", DATABASE) == 0) {
            Db.execute("CREATE DATABASE " + DATABASE);
            Db.execute("ALTER DATABASE " + DATABASE + " SET default_transaction_isolation = 'repeatable read'");
        }
        migrate();
        String url = Db.on(DATABASE, Db::url);
        gateway = LocalApiGateway.start(0, Map.of("atomic.database.engine", "dsql",
            "datasources.default.url", "jdbc:aws-wrapper:" + url.substring("jdbc:".length()),
            "datasources.default.data-source-properties.wrapperProfileName", DsqlEmulation.PROFILE,
            "datasources.default.data-source-properties.wrapperDialect", "pg"));
        http = new Http(gateway.port());
        refusedBefore = DsqlEmulation.refused();
    }

    @AfterAll
    static void noStatementWasRefused() {
        gateway.close();
        assertThat(DsqlEmulation.refused() - refusedBefore).as("statements DSQL would refuse").isZero();
    }

    static Map<String, Object> migrate() {
        try (MigrationHandler migration = SystemProperties.during(Map.of("atomic.database.engine", "dsql",
            "datasources.default.url", Db.on(DATABASE, Db::url), "atomic.migration.dsql-async-indexes", "false",
            "atomic.migration.app-user", "tasks_app"), MigrationHandler::new)) {
            return migration.handleRequest(Map.of(), new TestLambdaContext("migrate"));
        }
    }

    @Test
    void theDsqlScriptsAreAppliedOnceEachAndTheFunctionsRoleGranted() {
        Map<String, Object> again = migrate();

        assertThat(again).containsEntry("migrationsExecuted", 0);
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM dsql_schema_history"))).isEqualTo(19);
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM information_schema.role_table_grants "
            + "WHERE grantee = 'tasks_app' AND table_name = 'customer_order' AND privilege_type = 'UPDATE'")))
            .isEqualTo(1);
    }

    @Test
    void neverOversellsWhen64OrdersRaceFor10UnitsUnderOptimisticConcurrency() throws Exception {
        UUID scarce = Db.on(DATABASE, () -> Catalogue.product("EUR", 100, 10));
        List<Http.Response> responses;
        List<ILoggingEvent> retries;
        try (LogCapture logs = new LogCapture()) {
            responses = race(64, i -> () -> http.send("POST", "/orders", "racer-" + i + "-" + UUID.randomUUID(),
                "{\"lines\":[{\"productId\":\"" + scarce + "\",\"quantity\":1}]}"));
            retries = logs.of("transaction").stream()
                .filter(e -> e.getFormattedMessage().startsWith("transaction retried")).toList();
        }

        long placed = responses.stream().filter(r -> r.status() == 201).count();
        int stock = Db.on(DATABASE, () -> Catalogue.stock(scarce));
        System.out.printf("DSQL emulation, 64 orders on stock 10: %d placed, %d retries, answers %s%n", placed,
            retries.size(), responses.stream().map(r -> r.status() + " " + r.json().getOrDefault("type", ""))
                .collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.stream.Collectors.counting())));
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.body()).isIn(201, 409));
        assertThat(placed).isEqualTo(10 - stock);
        assertThat(stock).isNotNegative();
        assertThat(Db.on(DATABASE, () -> Catalogue.conserved(scarce))).isTrue();
        assertThat(Db.on(DATABASE, () -> Db.count("SELECT count(*) FROM order_line WHERE product_id = ?", scarce)))
            .isEqualTo(placed);
    }

    /** Sends {@code count} requests at once, each from its own thread, released together. */
    static List<Http.Response> race(int count, IntFunction<Supplier<Http.Response>> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Supplier<Http.Response> send = request.apply(i);
                futures.add(threads.submit(() -> {
                    start.await();
                    return send.get();
                }));
            }
            start.countDown();
            List<Http.Response> responses = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
