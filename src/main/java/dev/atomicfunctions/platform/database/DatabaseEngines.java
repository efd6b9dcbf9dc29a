package dev.atomicfunctions.platform.database;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** The engine setting ({@code DB_ENGINE}), read once, for whatever depends on it. */
@Factory
class DatabaseEngines {

    @Singleton
    DatabaseEngine engine(@Value("${atomic.database.engine:rds}") String engine) {
        return DatabaseEngine.of(engine);
    }
}
