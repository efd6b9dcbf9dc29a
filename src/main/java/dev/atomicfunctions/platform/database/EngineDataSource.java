package dev.atomicfunctions.platform.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Fits the pool's driver to the engine ({@code DB_ENGINE}) before the pool starts. DB_URL stays a
 * {@code jdbc:postgresql:} URL whatever the engine:
 * <ul>
 *   <li>Aurora: the AWS Advanced JDBC Wrapper around pgjdbc ({@code jdbc:aws-wrapper:postgresql:}), with its failover
 *   plugin. The wrapper replaces a failed writer's connection with one to the new writer inside the same
 *   {@code Connection} and reports it (08S02, 08007), so the pool is told, through the wrapper's documented exception
 *   override, not to evict that connection;</li>
 *   <li>Aurora DSQL: a connection lives at most 60 minutes there, so the pool retires it well before.</li>
 * </ul>
 * A URL already in the wrapper's form (a test's profile of plugins) is taken as it is, with the wrapper's driver.
 */
@Singleton
final class EngineDataSource implements BeanCreatedEventListener<DatasourceConfiguration> {

    private static final String POSTGRESQL = "jdbc:postgresql:";
    private static final String WRAPPER = "jdbc:aws-wrapper:";
    private static final String WRAPPER_DRIVER = "software.amazon.jdbc.Driver";
    /** Hikari would otherwise close a connection the wrapper has just failed over (an 08 state means "broken"). */
    private static final String WRAPPER_EXCEPTION_OVERRIDE = "software.amazon.jdbc.util.HikariCPSQLException";
    /** DSQL ends a connection after 60 minutes; 5 minutes of slack for one retired while a transaction runs. */
    static final Duration DSQL_MAX_LIFETIME = Duration.ofMinutes(55);

    private final DatabaseEngine engine;
    private final String wrapperPlugins;

    EngineDataSource(DatabaseEngine engine,
                     @Value("${atomic.database.aurora.wrapper-plugins:failover2}") String wrapperPlugins) {
        this.engine = engine;
        this.wrapperPlugins = wrapperPlugins;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration pool = event.getBean();
        String url = pool.getUrl();
        if (engine == DatabaseEngine.AURORA && url != null && url.startsWith(POSTGRESQL)) {
            url = WRAPPER + url.substring("jdbc:".length());
            pool.setUrl(url);
            pool.addDataSourceProperty("wrapperPlugins", wrapperPlugins);
        }
        if (url != null && url.startsWith(WRAPPER)) {
            pool.setDriverClassName(WRAPPER_DRIVER);
            pool.setExceptionOverrideClassName(WRAPPER_EXCEPTION_OVERRIDE);
        }
        if (engine == DatabaseEngine.DSQL && pool.getMaxLifetime() > DSQL_MAX_LIFETIME.toMillis()) {
            pool.setMaxLifetime(DSQL_MAX_LIFETIME.toMillis());
        }
        return pool;
    }
}
