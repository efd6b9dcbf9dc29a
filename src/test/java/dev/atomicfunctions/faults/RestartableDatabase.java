package dev.atomicfunctions.faults;

import dev.atomicfunctions.migration.MigrationHandler;
import dev.atomicfunctions.support.SystemProperties;
import dev.atomicfunctions.support.TestLambdaContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A migrated embedded PostgreSQL of a fault test's own (the soak's, the restart test's), which it can stop and start
 * again on the same data and port without restarting the rest of the suite's database.
 */
final class RestartableDatabase implements AutoCloseable {

    private final Path data;
    private final int port;
    private volatile EmbeddedPostgres server;

    private RestartableDatabase(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    static RestartableDatabase start(Path data) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RestartableDatabase database = new RestartableDatabase(data, port);
        database.server = database.launch();
        try (MigrationHandler migrations = SystemProperties.during(Map.of("datasources.default.url", database.url()),
            MigrationHandler::new)) {
            migrations.handleRequest(Map.of(), new TestLambdaContext("migrate"));
        }
        return database;
    }

    int port() {
        return port;
    }

    String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** @return new products, each with {@code stock} received */
    List<UUID> products(int count, int stock) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            execute("INSERT INTO product (id, sku, name, price_minor, currency, stock, created_at, updated_at, version) "
                + "VALUES ('" + id + "', 'FAULT-" + id + "', 'Fault test', 100, 'EUR', " + stock
                + ", now(), now(), 1)");
            execute("INSERT INTO stock_movement (id, product_id, kind, quantity, reason, actor, created_at) VALUES ('"
                + UUID.randomUUID() + "', '" + id + "', 'RECEIPT', " + stock + ", 'fault test', 'test', now())");
            ids.add(id);
        }
        return ids;
    }

    void terminateAppSessions() throws SQLException {
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'atomic-functions'");
    }

    /** A fast shutdown (every session terminated), this long down, then started again. */
    void restart(Duration down) throws IOException, InterruptedException {
        server.close();
        Thread.sleep(down);
        server = launch();
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    long single(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** A connection of the soak's own checks: without the functions' statement bound (the checks scan tables). */
    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url());
        try (Statement unbounded = connection.createStatement()) {
            unbounded.execute("SET statement_timeout = 0");
        }
        return connection;
    }

    private EmbeddedPostgres launch() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
            .setPGStartupWait(Duration.ofSeconds(30)).start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
