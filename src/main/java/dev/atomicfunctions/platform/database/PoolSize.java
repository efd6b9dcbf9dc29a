package dev.atomicfunctions.platform.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Sizes the pool before it starts: one connection per request the execution environment serves at once, which is one
 * on demand and {@code AWS_LAMBDA_MAX_CONCURRENCY} on Lambda Managed Instances; or the stack's connection budget for
 * the environment ({@code DB_POOL_MAX_SIZE}), when given. A size set explicitly for the data source (the local
 * gateway's, the migration's) is kept. The reasons are beside the properties, in {@code application.properties}.
 */
@Singleton
final class PoolSize implements BeanCreatedEventListener<DatasourceConfiguration> {

    private final Environment environment;
    private final int concurrency;
    private final int budget;

    PoolSize(Environment environment, @Value("${atomic.managed-instances.concurrency:0}") int concurrency,
             @Value("${atomic.pool.budget:0}") int budget) {
        this.environment = environment;
        this.concurrency = concurrency;
        this.budget = budget;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration pool = event.getBean();
        if (!environment.containsProperty("datasources." + pool.getName() + ".maximum-pool-size")) {
            pool.setMaximumPoolSize(budget > 0 ? budget : Math.max(1, concurrency));
        }
        return pool;
    }
}
