package dev.atomicfunctions.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies {@code db/dsql} to Aurora DSQL, which Flyway 10 cannot migrate (it takes an advisory lock and builds its
 * history table with three DDL statements in one transaction; DSQL has neither) and whose Flyway DSQL plugins are not
 * available here. Each script holds one DDL statement ({@code DsqlMigrationLintTest}), applied in a transaction of its
 * own and then recorded in {@code dsql_schema_history} in another (DSQL takes no DDL and data in one transaction; the
 * pool's connections auto-commit). A run that died between the two finds the object there ("already exists") and
 * records it. An applied script whose text changed stops the run, as Flyway's validation would. Runs are not
 * serialized (DSQL has no advisory lock): the deployment runs one at a time.
 */
final class DsqlMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(DsqlMigrations.class);
    private static final String LOCATION = "db/dsql";
    private static final Pattern SCRIPT = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");
    /** 42P07 duplicate table or index, 42710 duplicate object. */
    private static final List<String> ALREADY_EXISTS = List.of("42P07", "42710");
    private static final String HISTORY = """
        CREATE TABLE IF NOT EXISTS dsql_schema_history (
            version    integer     PRIMARY KEY,
            script     text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL)""";

    record Script(int version, String name, String sql) {
    }

    private final DataSource dataSource;
    private final boolean asyncIndexes;

    /**
     * @param asyncIndexes true on DSQL, which builds every index asynchronously ({@code CREATE INDEX ASYNC});
     *                     false on PostgreSQL, where the same scripts are tested and the word does not exist
     */
    DsqlMigrations(DataSource dataSource, boolean asyncIndexes) {
        this.dataSource = dataSource;
        this.asyncIndexes = asyncIndexes;
    }

    /** @return how many scripts this run applied */
    int migrate() {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, HISTORY);
            Map<Integer, String> applied = applied(connection);
            int executed = 0;
            for (Script script : scripts()) {
                String checksum = checksum(script.sql());
                String known = applied.get(script.version());
                if (known != null) {
                    if (!known.equals(checksum)) {
                        throw new IllegalStateException("db/dsql " + script.name() + " changed after it was applied");
                    }
                    continue;
                }
                apply(connection, script);
                record(connection, script, checksum);
                executed++;
            }
            return executed;
        } catch (SQLException e) {
            throw new IllegalStateException("DSQL migration failed: " + e.getMessage(), e);
        }
    }

    private void apply(Connection connection, Script script) throws SQLException {
        String sql = script.sql().replace("${async}", asyncIndexes ? "ASYNC" : "");
        try (Statement statement = connection.createStatement()) {
            boolean rows = statement.execute(sql);
            if (rows && asyncIndexes) {
                awaitIndexJob(connection, statement.getResultSet());
            }
            LOG.atInfo().addKeyValue("script", script.name()).log("DSQL migration applied: {}", script.name());
        } catch (SQLException e) {
            if (!ALREADY_EXISTS.contains(e.getSQLState())) {
                throw e;
            }
            LOG.atInfo().addKeyValue("script", script.name())
                .log("DSQL migration found applied by an earlier run: {}", script.name());
        }
    }

    /** {@code CREATE INDEX ASYNC} answers the id of the job that builds the index: wait for it before going on. */
    private static void awaitIndexJob(Connection connection, ResultSet job) throws SQLException {
        if (!job.next()) {
            return;
        }
        try (PreparedStatement wait = connection.prepareStatement("SELECT sys.wait_for_job(?)")) {
            wait.setString(1, job.getString(1));
            wait.execute();
        }
    }

    private static void record(Connection connection, Script script, String checksum) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO dsql_schema_history (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            insert.setInt(1, script.version());
            insert.setString(2, script.name());
            insert.setString(3, checksum);
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static Map<Integer, String> applied(Connection connection) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, checksum FROM dsql_schema_history")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** @return the scripts of db/dsql, from the jar or the classes directory, in version order */
    static List<Script> scripts() {
        URL location = DsqlMigrations.class.getClassLoader().getResource(LOCATION);
        if (location == null) {
            throw new IllegalStateException(LOCATION + " is not on the classpath");
        }
        try {
            URI uri = location.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath(LOCATION));
                }
            }
            return read(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Script> read(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> {
                Matcher name = SCRIPT.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    return null;
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return new Script(Integer.parseInt(name.group(1)), name.group(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(java.util.Objects::nonNull).sorted(Comparator.comparingInt(Script::version)).toList();
        }
    }

    private static String checksum(String sql) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
