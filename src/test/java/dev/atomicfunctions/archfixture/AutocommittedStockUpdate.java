package dev.atomicfunctions.archfixture;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Writes through a {@code DataSource} of its own, neither an entry point nor a service: each statement commits on its
 * own (autocommit), in no transaction anyone owns. Abstract, so that it is never built; {@code ArchitectureTest} must
 * catch it.
 */
public abstract class AutocommittedStockUpdate {

    private final DataSource dataSource;

    AutocommittedStockUpdate(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    int clearStock(UUID product) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE product SET stock = 0 WHERE id = ?")) {
            update.setObject(1, product);
            return update.executeUpdate();
        }
    }
}
