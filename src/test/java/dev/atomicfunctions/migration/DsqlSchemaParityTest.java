package dev.atomicfunctions.migration;

import dev.atomicfunctions.support.Postgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Aurora DSQL migrations ({@code db/dsql}) build the schema the application's SQL expects: both migration sets
 * run, with Flyway, on one embedded PostgreSQL 15, each into a schema of its own (the DSQL files with the
 * {@code async} placeholder empty, as PostgreSQL knows no {@code CREATE INDEX ASYNC}), and their catalogues are
 * compared: the same tables, the same columns in the same order with the same types and nullability, the same
 * constraints under the same names, the same indexes. What differs, DSQL forces, and is listed here.
 */
class DsqlSchemaParityTest {

    private static final String POSTGRESQL = "postgresql_schema";
    private static final String DSQL = "dsql_schema";

    /** Column types DSQL cannot store, and what the DSQL schema stores instead: table.column to (PostgreSQL, DSQL). */
    private static final Map<String, Map.Entry<String, String>> TYPE_CHANGES =
        Map.of("audit_entry.changed_fields", Map.entry("_text", "jsonb"));

    private static Postgres postgres;

    @BeforeAll
    static void migrateBothIntoOneDatabase() {
        postgres = Postgres.embedded(null);
        migrate(POSTGRESQL, "classpath:db/migration", Map.of());
        migrate(DSQL, "classpath:db/dsql", DsqlDialect.POSTGRESQL_PLACEHOLDERS);
    }

    private static void migrate(String schema, String location, Map<String, String> placeholders) {
        Flyway.configure()
            .dataSource(postgres.url(), postgres.username(), postgres.password())
            .schemas(schema)
            .locations(location)
            .placeholders(placeholders)
            .load()
            .migrate();
    }

    @Test
    void sameTablesAndColumnsInTheSameOrderButForTheTypesDsqlCannotStore() {
        Map<String, List<String>> postgresql = columns(POSTGRESQL);
        Map<String, List<String>> dsql = columns(DSQL);

        Map<String, List<String>> expected = new TreeMap<>();
        postgresql.forEach((table, columns) -> expected.put(table, columns.stream().map(column -> {
            Map.Entry<String, String> change = TYPE_CHANGES.get(table + "." + column.split(" ")[0]);
            if (change == null) {
                return column;
            }
            // The documented change is real: without it, the schemas would differ here.
            assertThat(column).contains(" " + change.getKey() + " ");
            return column.replace(" " + change.getKey() + " ", " " + change.getValue() + " ");
        }).toList()));

        assertThat(dsql.keySet()).containsExactly("audit_entry", "customer_order", "idempotency_record",
            "order_line", "outbox_event", "product", "stock_movement", "task");
        assertThat(dsql).isEqualTo(expected);
    }

    @Test
    void sameConstraintsUnderTheSameNames() {
        assertThat(rows(DSQL, CONSTRAINTS)).isEqualTo(rows(POSTGRESQL, CONSTRAINTS)).isNotEmpty();
    }

    /** DSQL's CREATE INDEX takes no DESC: the same indexes, on the same columns, ascending. */
    @Test
    void sameIndexesButNoDescendingColumns() {
        List<String> postgresql = rows(POSTGRESQL, INDEXES).stream().map(index -> index.replace(" DESC", "")).toList();
        List<String> dsql = rows(DSQL, INDEXES);

        assertThat(dsql).noneMatch(index -> index.contains(" DESC")).isEqualTo(postgresql);
        assertThat(rows(POSTGRESQL, INDEXES)).anyMatch(index -> index.contains(" DESC"));
    }

    /** Each column as "name type(length) nullability default identity", per table, in column order. */
    private static Map<String, List<String>> columns(String schema) {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String row : rows(schema, COLUMNS)) {
            String[] tableAndColumn = row.split("\\|", 2);
            tables.computeIfAbsent(tableAndColumn[0], table -> new ArrayList<>()).add(tableAndColumn[1]);
        }
        return tables;
    }

    private static final String COLUMNS = """
        SELECT table_name || '|' || column_name || ' '
               || CASE WHEN data_type = 'ARRAY' THEN udt_name ELSE data_type END || ' '
               || coalesce(character_maximum_length::text, '-') || ' ' || is_nullable || ' '
               || coalesce(column_default, '-') || ' ' || coalesce(identity_generation, '-')
        FROM information_schema.columns
        WHERE table_schema = ? AND table_name <> 'flyway_schema_history'
        ORDER BY table_name, ordinal_position""";

    private static final String CONSTRAINTS = """
        SELECT t.relname || '.' || c.conname || ' ' || c.contype::text || ' '
               || replace(pg_get_constraintdef(c.oid), n.nspname || '.', '')
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = ? AND t.relname <> 'flyway_schema_history'
        ORDER BY 1""";

    private static final String INDEXES = """
        SELECT tablename || '.' || indexname || ' ' || replace(indexdef, schemaname || '.', '')
        FROM pg_indexes
        WHERE schemaname = ? AND tablename <> 'flyway_schema_history'
        ORDER BY 1""";

    private static List<String> rows(String schema, String query) {
        try (Connection connection = DriverManager.getConnection(postgres.url(), postgres.username(),
                postgres.password());
             PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, schema);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(query, e);
        }
    }
}
