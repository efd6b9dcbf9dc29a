package dev.atomicfunctions.platform.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The function's own pool configuration (application.properties) against a real PostgreSQL that, like RDS Proxy,
 * demands a password: the password pgjdbc sends always comes from {@link IamAuthentication}. Runs on the shaded
 * jar, so it also proves the jar holds every SDK class token signing needs.
 */
class DatabaseAuthenticationIT {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgresThatAsksForPasswords(@TempDir Path dir) throws Exception {
        Path hba = Files.writeString(dir.resolve("pg_hba.conf"), """
            local all all trust
            host all postgres 127.0.0.1/32 trust
            host all all 127.0.0.1/32 password
            host all all ::1/128 password
            """);
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30))
            .setServerConfig("hba_file", hba.toString()).start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE tasks_app LOGIN PASSWORD 'right-password'");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void connectsWithTheConfiguredPasswordWhenIamIsOff() throws SQLException {
        try (ApplicationContext context = context(Map.of("datasources.default.password", "right-password"));
             Connection connection = pool(context).getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void isRefusedWithAWrongPassword() {
        try (ApplicationContext context = context(Map.of("datasources.default.password", "wrong-password"))) {
            assertThatThrownBy(() -> pool(context).getConnection().close())
                .hasStackTraceContaining("password authentication failed for user \"tasks_app\"");
        }
    }

    @Test
    void sendsASignedTokenInsteadOfThePasswordWhenIamIsOn() {
        String keyId = System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        String secret = System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        try (ApplicationContext context = context(Map.of(
            "datasources.default.password", "right-password",
            "datasources.default.data-source-properties.atomicIamAuth", "true",
            "datasources.default.data-source-properties.atomicAwsRegion", "eu-west-1"))) {
            // The right password is configured, yet refused: what reached the server was a token, not the password.
            assertThatThrownBy(() -> pool(context).getConnection().close())
                .hasStackTraceContaining("password authentication failed for user \"tasks_app\"");
        } finally {
            restore("aws.accessKeyId", keyId);
            restore("aws.secretAccessKey", secret);
        }
    }

    @Test
    void refusesToConnectWithIamButNoRegion() {
        try (ApplicationContext context = context(Map.of(
            "datasources.default.data-source-properties.atomicIamAuth", "true",
            "datasources.default.data-source-properties.atomicAwsRegion", ""))) {
            assertThatThrownBy(() -> pool(context).getConnection().close())
                .hasStackTraceContaining("needs the AWS region");
        }
    }

    /** The Hikari pool itself, not Micronaut Data's transaction-bound view of it. */
    private static DataSource pool(ApplicationContext context) {
        return DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
    }

    private static ApplicationContext context(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
            "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
            "datasources.default.username", "tasks_app",
            "datasources.default.connection-timeout", 2000));
        properties.putAll(overrides);
        return ApplicationContext.builder().properties(properties).start();
    }

    /** Other tests of this JVM (the queue's) may have set them before. */
    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }
}
