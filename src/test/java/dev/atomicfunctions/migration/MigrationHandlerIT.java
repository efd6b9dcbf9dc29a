package dev.atomicfunctions.migration;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
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
