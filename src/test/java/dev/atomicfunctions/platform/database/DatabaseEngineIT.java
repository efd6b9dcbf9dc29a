package dev.atomicfunctions.platform.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.atomicfunctions.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pool each DB_ENGINE builds from the same jdbc:postgresql: DB_URL, and a real connection through it. */
@ExtendWith(TestDatabase.class)
class DatabaseEngineIT {

    @Test
    void rdsConnectsWithPgjdbcAlone() throws SQLException {
        try (ApplicationContext context = context("rds", Map.of())) {
            HikariDataSource pool = pool(context);

            assertThat(pool.getJdbcUrl()).startsWith("jdbc:postgresql:");
            assertThat(pool.getDriverClassName()).isEqualTo("org.postgresql.Driver");
            assertThat(pool.getExceptionOverrideClassName()).isNull();
            assertThat(selectOne(pool)).isEqualTo(1);
        }
    }

    @Test
    void auroraConnectsThroughTheWrapperWithItsFailoverPluginAndKeepsFailedOverConnections() throws SQLException {
        try (ApplicationContext context = context("aurora", Map.of())) {
            HikariDataSource pool = pool(context);

            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:aws-wrapper:" + TestDatabase.get().url().substring(5));
            assertThat(pool.getDriverClassName()).isEqualTo("software.amazon.jdbc.Driver");
            assertThat(pool.getDataSourceProperties()).containsEntry("wrapperPlugins", "failover2");
            assertThat(pool.getExceptionOverrideClassName()).isEqualTo("software.amazon.jdbc.util.HikariCPSQLException");
            assertThat(selectOne(pool)).isEqualTo(1);
        }
    }

    @Test
    void dsqlRetiresConnectionsBeforeTheClustersSixtyMinutes() {
        try (ApplicationContext context = context("dsql", Map.of("datasources.default.max-lifetime", "7200000"))) {
            assertThat(Duration.ofMillis(pool(context).getMaxLifetime())).isEqualTo(Duration.ofMinutes(55));
        }
    }

    private static ApplicationContext context(String engine, Map<String, Object> more) {
        Map<String, Object> properties = new java.util.HashMap<>(more);
        properties.put("atomic.database.engine", engine);
        properties.put("datasources.default.url", TestDatabase.get().url());
        return ApplicationContext.run(properties);
    }

    private static HikariDataSource pool(ApplicationContext context) {
        return (HikariDataSource) DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
    }

    private static int selectOne(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT 1")) {
            row.next();
            return row.getInt(1);
        }
    }
}
