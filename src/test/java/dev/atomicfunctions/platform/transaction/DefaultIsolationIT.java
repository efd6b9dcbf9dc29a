package dev.atomicfunctions.platform.transaction;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.TestDatabase;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import dev.atomicfunctions.http.request.HttpApiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes {@link ReadCommitted} true without sending anything: the database's default isolation is
 * {@code read committed}, and a transaction on the functions' own pool (its connection as the driver settings open
 * it) runs at that level.
 */
@ExtendWith(TestDatabase.class)
class DefaultIsolationIT {

    @Test
    void theDatabaseDefaultIsReadCommitted() {
        assertThat(Db.rows("SHOW default_transaction_isolation").getFirst().values())
            .containsExactly("read committed");
    }

    @Test
    void aTransactionOnTheFunctionsPoolRunsAtReadCommitted() throws SQLException {
        try (HttpApiFunction function = new HttpApiFunction();
             Connection connection = DelegatingDataSource.unwrapDataSource(
                 function.getApplicationContext().getBean(DataSource.class)).getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try (ResultSet rs = statement.executeQuery("SHOW transaction_isolation")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("read committed");
            } finally {
                connection.rollback();
            }
        }
    }
}
