package dev.atomicfunctions.migration;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Postgres;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The migration entry point, invoked as Lambda invokes it, on a database it already migrated once. */
@ExtendWith(TestDatabase.class)
class MigrationHandlerIT {

    @Test
    void findsNothingToApplyOnASecondRunAndReportsTheSchemaVersion() throws IOException {
        List<String> versions = migrationVersions();

        Map<String, Object> result;
        try (MigrationHandler handler = new MigrationHandler()) {
            result = handler.handleRequest(Map.of(), new TestLambdaContext("migrate"));
        }

        assertThat(result).containsEntry("migrationsExecuted", 0).containsEntry("schemaVersion", versions.getLast());
        assertThat(Db.rows("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"))
            .extracting(row -> row.get("version")).containsExactlyElementsOf(versions);
    }

    @Test
    void createsTheFunctionsUserWithDataAccessButNoSchemaOrHistoryRights() throws SQLException {
        System.setProperty("atomic.migration.app-user", "tasks_app");
        try (MigrationHandler handler = new MigrationHandler()) {
            handler.handleRequest(Map.of(), new TestLambdaContext("migrate"));
            handler.handleRequest(Map.of(), new TestLambdaContext("migrate-again"));
        } finally {
            System.clearProperty("atomic.migration.app-user");
        }
        // The role has no password (IAM only on RDS); give it one here so it can log in to any test database.
        Db.execute("ALTER ROLE tasks_app PASSWORD 'test-only'");

        try (Connection app = Db.connectAs("tasks_app", "test-only");
             Statement sql = app.createStatement()) {
            try (ResultSet who = sql.executeQuery("SELECT current_user")) {
                assertThat(who.next() && who.getString(1).equals("tasks_app")).isTrue();
            }
            sql.execute("INSERT INTO audit_entry (action, entity_type, entity_id, actor, origin, correlation_id, occurred_at,"
                + " changed_fields) VALUES ('CREATE', 'probe', 'p1', 'migration-it', 'HTTP', 'c', now(), '{}')");
            assertThat(sql.executeUpdate("DELETE FROM audit_entry WHERE entity_type = 'probe'")).isEqualTo(1);
            assertThatThrownBy(() -> sql.execute("CREATE TABLE intruder (id int)"))
                .hasMessageContaining("permission denied for schema public");
            assertThatThrownBy(() -> sql.execute("DELETE FROM flyway_schema_history"))
                .hasMessageContaining("permission denied for table flyway_schema_history");
        }
    }

    @Test
    void refusesAnAppUserNameThatIsNotAPlainIdentifier() {
        System.setProperty("atomic.migration.app-user", "app\"; DROP TABLE task; --");
        try (MigrationHandler handler = new MigrationHandler()) {
            assertThatThrownBy(() -> handler.handleRequest(Map.of(), new TestLambdaContext("migrate")))
                .hasMessageContaining("DB_APP_USER");
        } finally {
            System.clearProperty("atomic.migration.app-user");
        }
        assertThat(Db.rows("SELECT 1 FROM pg_roles WHERE rolname LIKE 'app%'")).isEmpty();
    }

    /**
     * V5 links the fulfilment tasks made before it to their orders, by title, but only the consumer's own: made
     * through the queue by their owner, for an order that exists; the earliest when there were two.
     */
    @Test
    void linksTheFulfilmentTasksMadeBeforeTheOrderLinkByTheirTitleOnlyWhenTheQueueMadeThem() throws SQLException {
        String schema = "backfill_" + Long.toHexString(System.nanoTime());
        Postgres postgres = TestDatabase.get();
        FlywayAt flyway = target -> Flyway.configure()
            .dataSource(postgres.url(), postgres.username(), postgres.password())
            .schemas(schema).locations("classpath:db/migration").target(target).load();
        flyway.of("4").migrate();
        UUID linked = UUID.randomUUID();
        UUID byHand = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        try (Connection connection = Db.connect(); Statement sql = connection.createStatement()) {
            sql.execute("SET search_path TO " + schema);
            for (UUID order : List.of(linked, byHand, twice)) {
                sql.execute("INSERT INTO customer_order (id, owner_id, status, currency, total_minor, created_at, "
                    + "updated_at, version) VALUES ('" + order + "', 'bob', 'PLACED', 'EUR', 100, now(), now(), 1)");
            }
            task(sql, "t-linked", "warehouse", linked, "QUEUE", 1);
            task(sql, "t-by-hand", "alice", byHand, "HTTP", 1);
            task(sql, "t-no-order", "warehouse", UUID.randomUUID(), "QUEUE", 1);
            task(sql, "t-twice-first", "warehouse", twice, "QUEUE", 1);
            task(sql, "t-twice-second", "warehouse", twice, "QUEUE", 2);
        }

        flyway.of("5").migrate();

        assertThat(Db.rows("SELECT description, order_id FROM " + schema + ".task WHERE order_id IS NOT NULL "
            + "ORDER BY description")).containsExactly(
                Map.of("description", "t-linked", "order_id", linked),
                Map.of("description", "t-twice-first", "order_id", twice));
        Db.execute("DROP SCHEMA " + schema + " CASCADE");
    }

    /** Functional, for one Flyway per target version. */
    private interface FlywayAt {
        Flyway of(String target);
    }

    /**
     * A task as the consumer (or someone) made it: the row, named by its description, and its CREATE audit row;
     * {@code rank} orders the creation times.
     */
    private static void task(Statement sql, String name, String owner, UUID order, String origin, int rank)
        throws SQLException {
        UUID id = UUID.randomUUID();
        String at = "now() - interval '" + (10 - rank) + " minutes'";
        sql.execute("INSERT INTO task (id, owner_id, title, description, completed, created_at, updated_at, version) "
            + "VALUES ('" + id + "', '" + owner + "', 'Pick and pack order " + order + "', '" + name + "', false, "
            + at + ", " + at + ", 1)");
        sql.execute("INSERT INTO audit_entry (action, entity_type, entity_id, actor, origin, correlation_id, "
            + "occurred_at, changed_fields) VALUES ('CREATE', 'task', '" + id + "', '" + owner + "', '" + origin
            + "', 'c', now(), '{title}')");
    }

    /** @return the versions of the migration scripts in the source tree, in order */
    private static List<String> migrationVersions() throws IOException {
        try (Stream<Path> scripts = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return scripts.map(p -> p.getFileName().toString())
                .map(name -> name.substring(1, name.indexOf("__")))
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                .toList();
        }
    }
}
