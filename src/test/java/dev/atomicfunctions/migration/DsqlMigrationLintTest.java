package dev.atomicfunctions.migration;

import dev.atomicfunctions.migration.DsqlDialect.Finding;
import dev.atomicfunctions.migration.DsqlDialect.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.atomicfunctions.migration.DsqlDialect.DSQL_PLACEHOLDERS;
import static dev.atomicfunctions.migration.DsqlDialect.POSTGRESQL_PLACEHOLDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The Aurora DSQL migrations ({@code db/dsql}) pass our DSQL linter ({@link DsqlDialect}), and the linter can fail:
 * each of its rules refuses a small bad script, and the PostgreSQL migrations and callbacks, which DSQL would
 * refuse, are refused for the reasons DSQL would give.
 */
class DsqlMigrationLintTest {

    private static final Path DSQL = Path.of("src/main/resources/db/dsql");
    private static final Path POSTGRESQL = Path.of("src/main/resources/db");
    private static final Path BAD = Path.of("src/test/resources/dsql-lint/bad");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dsqlMigrations")
    void everyDsqlMigrationPasses(Path migration) {
        assertThat(DsqlDialect.check(migration)).isEmpty();
    }

    /** The placeholder is what makes an index build ASYNC: read as on PostgreSQL, the same files lack it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dsqlMigrations")
    void everyDsqlIndexIsAsynchronousThroughThePlaceholder(Path migration) throws IOException {
        String script = Files.readString(migration);
        if (!DsqlDialect.statements(script).getFirst().matches("^CREATE\\s+(UNIQUE\\s+)?INDEX\\b.*")) {
            return;
        }
        assertThat(script).contains("INDEX ${async} ");
        assertThat(DsqlDialect.check(script, POSTGRESQL_PLACEHOLDERS)).extracting(Finding::rule)
            .containsExactly(Rule.INDEX_WITHOUT_ASYNC);
    }

    @Test
    void theDsqlMigrationsAreNumberedWithoutGaps() {
        List<Integer> versions = dsqlMigrations()
            .map(path -> Integer.valueOf(path.getFileName().toString().replaceFirst("^V(\\d+)__.*", "$1")))
            .sorted().toList();
        assertThat(versions).isNotEmpty();
        assertThat(versions).containsExactlyElementsOf(
            IntStream.rangeClosed(1, versions.size()).boxed().toList());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Rule.class)
    void eachRuleRefusesItsBadScriptAndOnlyIt(Rule rule) {
        Path script = BAD.resolve(rule.id + ".sql");
        assertThat(script).exists();

        List<Finding> findings = DsqlDialect.check(script);

        assertThat(findings).isNotEmpty();
        assertThat(findings).extracting(Finding::rule).containsOnly(rule);
        assertThat(findings.getFirst().message()).startsWith(rule.id + ": " + rule.message);
    }

    @Test
    void everyBadScriptIsARulesOwn() throws IOException {
        Set<String> ids = Arrays.stream(Rule.values()).map(rule -> rule.id + ".sql").collect(Collectors.toSet());
        try (Stream<Path> scripts = Files.list(BAD)) {
            assertThat(scripts.map(path -> path.getFileName().toString())).allMatch(ids::contains);
        }
    }

    /** The PostgreSQL schema's own migrations and callbacks, which DSQL would refuse, are refused, and why. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("postgresqlScripts")
    void thePostgresqlMigrationsAreRefusedForWhatDsqlRefuses(String script, Set<Rule> expected) {
        List<Finding> findings = DsqlDialect.check(POSTGRESQL.resolve(script));

        assertThat(findings).isNotEmpty();
        assertThat(EnumSet.copyOf(findings.stream().map(Finding::rule).toList())).isEqualTo(expected);
    }

    static Stream<Arguments> postgresqlScripts() {
        return Stream.of(
            arguments("migration/V1__tasks_and_audit.sql", EnumSet.of(Rule.ONE_DDL_PER_FILE, Rule.INDEX_WITHOUT_ASYNC,
                Rule.INDEX_ASC_DESC, Rule.SEQUENCE_CACHE, Rule.UNSUPPORTED_COLUMN_TYPE)),
            arguments("migration/V2__idempotency_records.sql", EnumSet.of(Rule.ONE_DDL_PER_FILE,
                Rule.SEQUENCE_CACHE, Rule.INDEX_WITHOUT_ASYNC)),
            arguments("migration/V3__entry_point_neutral_invocations.sql", EnumSet.of(Rule.ONE_DDL_PER_FILE,
                Rule.ALTER_ADD_COLUMN_CONSTRAINT)),
            arguments("migration/V4__products_orders_outbox.sql", EnumSet.of(Rule.ONE_DDL_PER_FILE,
                Rule.INDEX_WITHOUT_ASYNC, Rule.INDEX_ASC_DESC, Rule.ALTER_TABLE_UNSUPPORTED,
                Rule.ALTER_ADD_CONSTRAINT)),
            arguments("migration/V5__task_order_link.sql", EnumSet.of(Rule.ONE_DDL_PER_FILE, Rule.DDL_WITH_DML,
                Rule.INDEX_WITHOUT_ASYNC)),
            arguments("session-limits/afterMigrate__session_limits.sql", EnumSet.of(Rule.NON_SQL_LANGUAGE)),
            arguments("app-user/afterMigrate.sql", EnumSet.of(Rule.NON_SQL_LANGUAGE, Rule.ONE_DDL_PER_FILE)));
    }

    @Test
    void everyPostgresqlMigrationIsChecked() throws IOException {
        Set<String> checked = postgresqlScripts().map(arguments -> (String) arguments.get()[0])
            .collect(Collectors.toSet());
        try (Stream<Path> migrations = Files.list(POSTGRESQL.resolve("migration"))) {
            assertThat(migrations.map(path -> "migration/" + path.getFileName())).allMatch(checked::contains);
        }
    }

    @Test
    void wordsInCommentsStringsDollarQuotesAndQuotedNamesAreNotSql() {
        String script = """
            -- TRUNCATE parcel; DROP CONSTRAINT x;
            /* CREATE INDEX a ON b (c DESC); /* nested: SAVEPOINT s; */ still a comment; */
            CREATE TABLE "truncate" (
                id   uuid PRIMARY KEY,
                note text NOT NULL CHECK (note <> 'CREATE INDEX i ON t (a DESC); it''s TRUNCATE; SAVEPOINT x'),
                memo text CHECK (memo <> E'\\' SKIP LOCKED; text[]'),
                "text[]" text
            );
            COMMENT ON TABLE "truncate" IS $body$ DO $$ nothing $$; FOR UPDATE SKIP LOCKED; $body$
            """;

        List<String> statements = DsqlDialect.statements(script);

        assertThat(statements).hasSize(2);
        assertThat(DsqlDialect.check(script, DSQL_PLACEHOLDERS)).extracting(Finding::rule)
            .containsExactly(Rule.ONE_DDL_PER_FILE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE SEQUENCE parcel_no CACHE 1",
        "CREATE SEQUENCE parcel_no AS bigint CACHE 65536",
        "CREATE TABLE parcel (no bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10 CACHE 70000))"})
    void acceptsASequenceCacheOfOneOrAtLeast65536(String statement) {
        assertThat(DsqlDialect.check(statement, DSQL_PLACEHOLDERS)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE SEQUENCE parcel_no",
        "CREATE SEQUENCE parcel_no CACHE 100",
        "CREATE TABLE parcel (no bigint GENERATED ALWAYS AS IDENTITY (CACHE 65535))"})
    void refusesAnyOtherSequenceCache(String statement) {
        assertThat(DsqlDialect.check(statement, DSQL_PLACEHOLDERS)).extracting(Finding::rule)
            .containsExactly(Rule.SEQUENCE_CACHE);
    }

    /** What DSQL added in 2026 and our schema relies on is accepted; the neighbours it did not add are not. */
    @Test
    void acceptsWhatDsqlAcceptsSince2026() {
        Map<String, List<Rule>> cases = Map.of(
            "CREATE TABLE l (id uuid PRIMARY KEY, o uuid NOT NULL REFERENCES o (id) ON DELETE CASCADE)", List.of(),
            "ALTER TABLE l ADD CONSTRAINT l_o_fk FOREIGN KEY (o) REFERENCES o (id) NOT VALID", List.of(),
            "ALTER TABLE l ADD CONSTRAINT l_q_check CHECK (q > 0) NOT VALID", List.of(),
            "ALTER TABLE ASYNC l VALIDATE CONSTRAINT l_q_check", List.of(),
            "ALTER TABLE l VALIDATE CONSTRAINT l_q_check", List.of(Rule.ALTER_TABLE_UNSUPPORTED),
            "ALTER TABLE l DROP COLUMN q", List.of(),
            "ALTER TABLE l ADD UNIQUE (o)", List.of(Rule.ALTER_ADD_CONSTRAINT),
            "CREATE UNIQUE INDEX ASYNC p_key ON p (lower(sku)) WHERE sku IS NOT NULL", List.of(),
            "CREATE TABLE e (id uuid PRIMARY KEY, payload jsonb NOT NULL, body json)", List.of(),
            "SELECT * FROM t WHERE id = $1 FOR UPDATE", List.of());
        cases.forEach((statement, expected) -> assertThat(DsqlDialect.check(statement, DSQL_PLACEHOLDERS))
            .as(statement).extracting(Finding::rule).containsExactlyElementsOf(expected));
    }

    static Stream<Path> dsqlMigrations() {
        try (Stream<Path> files = Files.list(DSQL)) {
            return files.filter(path -> path.getFileName().toString().endsWith(".sql")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
