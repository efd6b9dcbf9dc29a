package dev.atomicfunctions.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a real PostgreSQL comes from, in order: the {@code DB_URL} environment variable; a Testcontainers
 * container when a Docker engine answers; an embedded PostgreSQL (real binaries from Maven Central).
 *
 * @param url      JDBC URL
 * @param username user name
 * @param password password
 * @param origin   which of the three it is, for the log
 */
public record Postgres(String url, String username, String password, String origin) {

    /** Publishes the coordinates as system properties, which every Micronaut context built afterwards reads. */
    public void publish() {
        System.setProperty("datasources.default.url", url);
        System.setProperty("datasources.default.username", username);
        System.setProperty("datasources.default.password", password);
    }

    /** @return the database named by {@code DB_URL}, {@code DB_USERNAME} and {@code DB_PASSWORD}, if set */
    public static Postgres fromEnvironment() {
        String url = System.getenv("DB_URL");
        if (url == null || url.isBlank()) {
            return null;
        }
        return new Postgres(url, envOr("DB_USERNAME", "postgres"), envOr("DB_PASSWORD", ""), "DB_URL");
    }

    /**
     * @param dataDirectory where the cluster lives; kept between runs when given, a fresh temporary one when null
     * @return a started embedded PostgreSQL on a free port, stopped at JVM exit
     */
    public static Postgres embedded(Path dataDirectory) {
        return embedded(dataDirectory, 0);
    }

    /**
     * @param dataDirectory where the cluster lives; kept between runs when given, a fresh temporary one when null
     * @param port          the port it listens on (localhost), or 0 for a free one
     * @return a started embedded PostgreSQL, stopped at JVM exit
     */
    public static Postgres embedded(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(30));
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            if (port != 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            return new Postgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded PostgreSQL");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
