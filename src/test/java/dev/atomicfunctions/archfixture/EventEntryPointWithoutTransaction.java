package dev.atomicfunctions.archfixture;

import dev.atomicfunctions.platform.transaction.EntryPoint;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** An event handler's delegate that neither declares its transaction nor goes through a service. */
@EntryPoint
public abstract class EventEntryPointWithoutTransaction {

    private final DataSource dataSource;

    EventEntryPointWithoutTransaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void consume(String message) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute(message);
        }
    }
}
