package dev.atomicfunctions.migration;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The migration entry point, invoked as Lambda invokes it, on a database it already migrated once. */
@ExtendWith(TestDatabase.class)
class MigrationHandlerIT {

    @Test
    void findsNothingToApplyOnASecondRunAndReportsTheSchemaVersion() {
        Map<String, Object> result;
        try (MigrationHandler handler = new MigrationHandler()) {
            result = handler.handleRequest(Map.of(), new TestLambdaContext("migrate"));
        }

        assertThat(result).containsEntry("migrationsExecuted", 0).containsEntry("schemaVersion", "1");
        assertThat(Db.rows("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"))
            .containsExactly(Map.of("version", "1", "success", true));
    }
}
