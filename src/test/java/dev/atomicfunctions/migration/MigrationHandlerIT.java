package dev.atomicfunctions.migration;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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
