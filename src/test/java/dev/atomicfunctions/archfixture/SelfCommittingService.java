package dev.atomicfunctions.archfixture;

import io.micronaut.transaction.annotation.Transactional;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Breaks every transaction rule on purpose, so that {@code ArchitectureTest} can show its rules catch it.
 * Abstract, so that Micronaut never makes it a bean.
 */
@Transactional
public abstract class SelfCommittingService {

    /** Opens its own transaction (REQUIRED) and commits by hand. */
    @Transactional(readOnly = true)
    void save(Connection connection) throws SQLException {
        connection.commit();
    }
}
