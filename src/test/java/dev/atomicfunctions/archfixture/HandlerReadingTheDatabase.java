package dev.atomicfunctions.archfixture;

import io.micronaut.function.aws.MicronautRequestHandler;

import javax.sql.DataSource;
import java.util.Map;

/**
 * An event handler that reads the database itself instead of delegating to an entry-point bean (where AOP, and so the
 * transaction, would apply). Abstract, so that it is never built; {@code ArchitectureTest} must catch it.
 */
public abstract class HandlerReadingTheDatabase extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    DataSource dataSource;

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        return Map.of("database", dataSource.toString());
    }
}
