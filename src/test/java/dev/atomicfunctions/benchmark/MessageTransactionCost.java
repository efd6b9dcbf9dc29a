package dev.atomicfunctions.benchmark;

import dev.atomicfunctions.support.Postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * How to commit each message of a 10-message SQS batch on its own, measured (no assertion): a transaction per
 * message (what the queue consumer does) against one batch transaction with a savepoint per message. Each message
 * writes what a {@code task.create} command writes: the task, its audit row and the message's de-duplication record.
 * Variants alternate round by round; medians over the rounds. Plain JDBC with the functions' driver settings, against
 * {@code DB_URL} or an embedded PostgreSQL.
 * <p>
 * Run (with {@code JAVA_HOME} a JDK 25): {@code LOG_LEVEL=WARN ./mvnw -o -q test-compile exec:exec
 * -Dexec.executable=$JAVA_HOME/bin/java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath dev.atomicfunctions.benchmark.MessageTransactionCost"}
 */
public final class MessageTransactionCost {

    private static final int MESSAGES = 10;

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("messages.rounds", 300);
        Postgres postgres = BenchmarkDatabase.migrated();
        Properties settings = new Properties();
        settings.setProperty("user", postgres.username());
        settings.setProperty("password", postgres.password());
        settings.setProperty("prepareThreshold", "0");
        List<Double> perMessage = new ArrayList<>();
        List<Double> savepoints = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(postgres.url(), settings)) {
            connection.setAutoCommit(false);
            for (int round = -30; round < rounds; round++) {
                double a = time(() -> transactionPerMessage(connection));
                double b = time(() -> savepointPerMessage(connection));
                if (round >= 0) {
                    perMessage.add(a);
                    savepoints.add(b);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d messages per batch, %d rounds: a transaction per message %.2f ms, "
            + "one transaction with a savepoint per message %.2f ms (median per batch)%n", postgres.origin(), MESSAGES,
            rounds, median(perMessage), median(savepoints));
        System.exit(0);
    }

    private interface Batch {
        void run() throws SQLException;
    }

    private static double time(Batch batch) throws SQLException {
        long start = System.nanoTime();
        batch.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void transactionPerMessage(Connection connection) throws SQLException {
        for (int i = 0; i < MESSAGES; i++) {
            message(connection);
            connection.commit();
        }
    }

    private static void savepointPerMessage(Connection connection) throws SQLException {
        for (int i = 0; i < MESSAGES; i++) {
            Savepoint savepoint = connection.setSavepoint();
            message(connection);
            connection.releaseSavepoint(savepoint);
        }
        connection.commit();
    }

    private static void message(Connection connection) throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement task = connection.prepareStatement("INSERT INTO task (id, owner_id, title, completed,"
            + " created_at, updated_at, version) VALUES (?, 'bench', 'from the queue', false, ?, ?, 1)");
             PreparedStatement audit = connection.prepareStatement("INSERT INTO audit_entry (action, entity_type,"
                 + " entity_id, actor, origin, request_id, correlation_id, occurred_at, changed_fields) VALUES"
                 + " ('CREATE', 'task', ?, 'bench', 'QUEUE', ?, ?, ?, '{title,completed}')");
             PreparedStatement dedupe = connection.prepareStatement("INSERT INTO idempotency_record (owner_id,"
                 + " operation, idempotency_key, fingerprint, response, created_at) VALUES ('bench', 'queue task.create',"
                 + " ?, 'f', 'true', ?)")) {
            task.setObject(1, id);
            task.setTimestamp(2, now);
            task.setTimestamp(3, now);
            task.executeUpdate();
            audit.setString(1, id.toString());
            audit.setString(2, id.toString());
            audit.setString(3, id.toString());
            audit.setTimestamp(4, now);
            audit.executeUpdate();
            dedupe.setString(1, id.toString());
            dedupe.setTimestamp(2, now);
            dedupe.executeUpdate();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
