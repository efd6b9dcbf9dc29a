package dev.atomicfunctions.infra;

import software.amazon.awscdk.Duration;

import java.util.HashMap;
import java.util.Map;

/**
 * Everything that differs between two functions of the jar; the rest is shared ({@link Functions}).
 *
 * @param id          construct id, e.g. {@link #API_ID}
 * @param handler     the handler class in the jar
 * @param description what the function is for
 * @param memoryMb    memory, which also sets the CPU share (1769 MB is one full vCPU)
 * @param timeout     the function's timeout
 * @param snapStart   whether published versions are restored from a snapshot
 * @param databaseUser the database user it logs in as
 * @param environment settings of its own, on top of the shared connection settings
 * @param managedConcurrency 0: on demand, one invocation per execution environment; more: on Lambda Managed
 *                    Instances ({@link ManagedInstances}), up to this many invocations at once in one environment
 */
record FunctionSettings(String id, String handler, String description, int memoryMb, Duration timeout,
                               boolean snapStart, String databaseUser, Map<String, String> environment,
                               int managedConcurrency) {

    /** What Lambda Managed Instances refuses is refused here, at synth, rather than by a failed deployment. */
    FunctionSettings {
        if (managedConcurrency < 0) {
            throw new IllegalArgumentException(id + ": managedConcurrency is 0 (on demand) or more");
        }
        // The parameter, not onManagedInstances(): the fields are assigned after this body.
        if (managedConcurrency > 0 && (snapStart || memoryMb < ManagedInstances.MEMORY_MB)) {
            throw new IllegalArgumentException(id + ": on Lambda Managed Instances a function has no SnapStart and"
                + " at least " + ManagedInstances.MEMORY_MB + " MB");
        }
    }

    /** @return whether the function runs on Lambda Managed Instances rather than on demand */
    boolean onManagedInstances() {
        return managedConcurrency > 0;
    }

    /**
     * Construct id of the API function. It served the tasks routes alone at first and keeps that id: the function's
     * logical ids (function, role, policy, log group, versions, alias, alarms, integration, permissions) derive from
     * it, and renaming it would make CloudFormation replace them in a deployed stack, deleting the log group with
     * its logs. ({@code Api} itself is taken by the HTTP API construct.)
     */
    static final String API_ID = "TasksApi";
    /** Construct id of the queue consumer function. */
    static final String QUEUE_CONSUMER_ID = "QueueConsumer";
    /** Construct id of the scheduled jobs function. */
    static final String SCHEDULED_JOBS_ID = "ScheduledJobs";
    /** How often the scheduled jobs run: the relay's safety net, and how late an order may expire at most. */
    static final Duration JOBS_RATE = Duration.minutes(5);

    /**
     * The whole HTTP API (API Gateway payload v2): tasks, products, orders. One function for every route: one jar,
     * one Micronaut context and one SnapStart snapshot to keep warm; every route needs the same memory and timeout,
     * and Lambda bills per request and GB-second, so splitting would add cold starts and snapshots, not save cost.
     *
     * @param stack the deployment's choices: who administers the catalogue, when the deployment says
     */
    static FunctionSettings api(StackSettings stack) {
        // A hung query is ended by the driver (and answered 503) before the function's timeout kills it.
        Map<String, String> environment = new HashMap<>(Map.of("DB_SOCKET_TIMEOUT_S", "8"));
        // Absent, the application's defaults apply (application.properties: admin, products:write).
        if (stack.adminGroups() != null) {
            environment.put("ADMIN_GROUPS", stack.adminGroups());
        }
        if (stack.adminScopes() != null) {
            environment.put("ADMIN_SCOPES", stack.adminScopes());
        }
        return new FunctionSettings(API_ID,
            stack.restApi() ? "io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction"
                : "dev.atomicfunctions.http.request.HttpApiFunction",
            stack.restApi() ? "API: tasks, products, orders (API Gateway REST API, payload v1)"
                : "HTTP API: tasks, products, orders (API Gateway HTTP API, payload v2)",
            // 1024 MB: Lambda's CPU share grows with memory, and a restore plus the first request are CPU-bound
            // (class loading, JIT); it is also the size the cold-start benchmark models. Not tuned further here.
            // On Managed Instances, that option's environment size (ManagedInstances.MEMORY_MB).
            stack.managedInstances() ? ManagedInstances.MEMORY_MB : 1024,
            // API Gateway gives up after 30 s; the database timeouts below end a request well before this does.
            Duration.seconds(10),
            // SnapStart on demand; Managed Instances have none, and need none: their environments start before
            // traffic reaches them.
            !stack.managedInstances(), Database.APP_USER, Map.copyOf(environment),
            stack.managedInstances() ? ManagedInstances.API_CONCURRENCY : 0);
    }

    /**
     * The queue consumer: an SQS event source mapping on its {@code live} alias hands it batches of the events and
     * commands queue ({@link QueueConsumer}); each message commits on its own and only failed ones are redelivered.
     * Publishes nothing: what its transactions write to the outbox is relayed by the scheduled jobs, so it gets no
     * queue URL and no {@code sqs:SendMessage}.
     *
     * @param stack whose user gets the fulfilment tasks ({@code WAREHOUSE_SUBJECT})
     */
    static FunctionSettings queueConsumer(StackSettings stack) {
        return new FunctionSettings(QUEUE_CONSUMER_ID, "dev.atomicfunctions.queue.QueueHandler",
            "Queue consumer: order events and commands from the FIFO queue, partial batch responses",
            // Same as the API: a SnapStart restore and the first batch are CPU-bound; on Managed Instances, as the API.
            stack.managedInstances() ? ManagedInstances.MEMORY_MB : 1024,
            // A batch of 10 messages, each its own short transaction (retried within the margin); the queue's
            // visibility timeout is six times this (QueueConsumer).
            Duration.seconds(30), !stack.managedInstances(), Database.APP_USER,
            // A hung query is ended by the driver well before the function's timeout; the server cancels a statement
            // after 7 s (DB_STATEMENT_TIMEOUT) first.
            Map.of("DB_SOCKET_TIMEOUT_S", "8", "WAREHOUSE_SUBJECT", stack.warehouseSubject()),
            stack.managedInstances() ? ManagedInstances.QUEUE_CONSUMER_CONCURRENCY : 0);
    }

    /**
     * The scheduled jobs: every {@link #JOBS_RATE} EventBridge Scheduler invokes its {@code live} alias
     * ({@link ScheduledJob}) to expire orders left PLACED longer than {@code ORDER_EXPIRY}, relay what is left in the
     * outbox and purge expired records. A run stops starting work 10 s ({@code JOBS_DEADLINE_MARGIN}) before its
     * timeout; a query in flight then ends within the 8 s socket timeout, before Lambda would kill the run.
     *
     * @param stack when an order expires ({@code ORDER_EXPIRY})
     */
    static FunctionSettings scheduledJobs(StackSettings stack) {
        return new FunctionSettings(SCHEDULED_JOBS_ID, "dev.atomicfunctions.jobs.ScheduledHandler",
            "Scheduled jobs: expire orders, relay the outbox, purge expired records",
            1024,
            // Far below the schedule's rate: runs do not pile up. A large backlog is worked off over several runs.
            Duration.seconds(60),
            // Invoked every few minutes, all day: restored from a snapshot when its environment was recycled.
            true, Database.APP_USER,
            Map.of("DB_SOCKET_TIMEOUT_S", "8", "ORDER_EXPIRY", stack.orderExpiry()),
            // On demand even with Managed Instances: one short run every five minutes would keep environments (and
            // their instances) waiting in between for nothing.
            0);
    }

    /** The migration function of the default engine, RDS: it logs in as the master user. */
    static FunctionSettings migration() {
        return migration(DatabaseEngine.RDS);
    }

    /**
     * Applies the Flyway migrations and creates/grants the app user; invoked once per deployment. Logs in as the
     * engine's administrator: PostgreSQL's master user, or DSQL's {@code admin} role.
     */
    static FunctionSettings migration(DatabaseEngine engine) {
        return new FunctionSettings("Migration", "dev.atomicfunctions.migration.MigrationHandler",
            "Applies database migrations; run by the deployment before the API takes traffic",
            1024,
            // DDL on a large table can take minutes; the deployment waits for it.
            Duration.minutes(5),
            // Invoked once per deployment: a snapshot would only make every deployment slower, never be restored.
            false, engine.adminUser(),
            // On the first deployment the proxy's target may still be registering when the trigger fires: the pool
            // keeps trying to connect for up to two minutes instead of failing the deployment at once.
            Map.of("DB_APP_USER", Database.APP_USER, "DB_SOCKET_TIMEOUT_S", "280",
                "DB_CONNECTION_TIMEOUT_MS", "120000"),
            // On demand always: it runs once per deployment.
            0);
    }
}
