package dev.atomicfunctions.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.constructs.Construct;

import java.util.List;

/**
 * The whole deployment: network, database and proxy, the functions, the HTTP API, the events queue and its consumer,
 * the scheduled jobs, migrations, alarms. The database is the deployment's choice ({@code -c databaseEngine}): RDS
 * (the default) or Aurora behind RDS Proxy in the stack's VPC, or DSQL, with no VPC at all.
 *
 * <p>A new function is one {@link Functions#create} call with its {@link FunctionSettings}, plus what invokes it:
 * {@link Api#route} for HTTP, {@link QueueConsumer} for a queue, {@link ScheduledJob} for a schedule; then
 * {@link Alarms#watch} and, if it must see the new schema first, {@link Migrations#runBefore}.
 */
public final class AtomicFunctionsStack extends Stack {

    /** More events than this waiting in the outbox... */
    static final int OUTBOX_BACKLOG_LIMIT = 100;
    /** ...for this many five-minute periods in a row (three scheduled runs) alarms. */
    static final int OUTBOX_BACKLOG_PERIODS = 3;

    /** Null on DSQL: the functions run outside any VPC. */
    private final Network network;
    private final Functions functions;
    private final Alarms alarms;

    public AtomicFunctionsStack(Construct scope, String id, StackProps props, StackSettings settings) {
        super(scope, id, props);
        network = settings.databaseEngine().inVpc() ? new Network(this, "Network") : null;
        SqlDatabase database = database(settings);
        functions = new Functions(this, network, database, settings);
        alarms = new Alarms(this, "Alarms", settings);

        AtomicFunction migration = functions.create(FunctionSettings.migration(settings.databaseEngine()));
        AtomicFunction api = functions.create(FunctionSettings.api(settings));
        AtomicFunction consumer = functions.create(FunctionSettings.queueConsumer(settings));
        AtomicFunction jobs = functions.create(FunctionSettings.scheduledJobs(settings));
        database.mapAppRoles(migration, List.of(api, consumer, jobs));

        // Every alias the API, the queue's event source mapping and the schedule invoke moves to its new version only
        // after the migrations succeeded: no new code runs on the old schema.
        Migrations migrations = new Migrations(this, "Migrations", migration, database);
        migrations.runBefore(api, consumer, jobs);

        // The event side: one FIFO queue for events and commands, drained by the consumer; the API and the consumer
        // (right after each transaction that wrote events commits: the same command behaves the same through both)
        // and the scheduled jobs (whatever is left) relay the outbox to it through the VPC's SQS endpoint, the one
        // AWS API the functions call (on DSQL, outside any VPC, through SQS's public endpoint).
        QueueConsumer events = new QueueConsumer(this, "Events", consumer, alarms);
        InterfaceVpcEndpoint sqs = network == null ? null
            : network.addInterfaceEndpoint("Sqs", InterfaceVpcEndpointAwsService.SQS);
        events.relayOutboxFrom(sqs, api, consumer, jobs);
        // The consumer calls SQS too: to bring a message that failed for a transient reason back after a delay.
        events.holdBackTransientFailuresThrough(sqs);
        new ScheduledJob(this, "Jobs", jobs, ScheduleExpression.rate(FunctionSettings.JOBS_RATE), alarms);

        // Every operation of the application, each route explicit and behind the authorizer, all to the one API
        // function (FunctionSettings.api says why one), through the HTTP API or, when the deployment asks, a REST
        // API. GET /tasks stays first: the HTTP API's integration is named after it.
        ApiGateway http = ApiGateway.of(this, settings);
        http.route("/tasks", api, HttpMethod.GET, HttpMethod.POST);
        http.route("/tasks/{id}", api, HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE);
        http.route("/tasks/batch", api, HttpMethod.POST);
        http.route("/products", api, HttpMethod.GET, HttpMethod.POST);
        http.route("/products/{id}", api, HttpMethod.GET, HttpMethod.PATCH);
        http.route("/products/{id}/stock-movements", api, HttpMethod.GET, HttpMethod.POST);
        http.route("/products/{id}/stock-movements/{movementId}", api, HttpMethod.GET);
        http.route("/orders", api, HttpMethod.GET, HttpMethod.POST);
        http.route("/orders/{id}", api, HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE);
        http.route("/orders/{id}/cancel", api, HttpMethod.POST);

        alarms.watch(api);
        alarms.watch(migration);
        alarms.watch(consumer);
        alarms.watch(jobs);
        alarms.watchOutboxBacklog(OUTBOX_BACKLOG_LIMIT, OUTBOX_BACKLOG_PERIODS);
        alarms.watchProxy(database);

        CfnOutput.Builder.create(this, "ApiUrl").value(http.url()).description("Base URL of the API").build();
    }

    /** @return the database the deployment chose, with what cdk-nag may accept of it */
    private SqlDatabase database(StackSettings settings) {
        return switch (settings.databaseEngine()) {
            case RDS -> {
                Database rds = new Database(this, "Database", network, settings);
                Suppressions.database(rds, settings);
                yield rds;
            }
            case AURORA -> {
                AuroraDatabase aurora = new AuroraDatabase(this, "Database", network, settings);
                Suppressions.aurora(aurora);
                yield aurora;
            }
            case DSQL -> new DsqlDatabase(this, "Database", settings);
        };
    }

    /** @return the factory every function of this stack is built with */
    Functions functions() {
        return functions;
    }

    /**
     * @return the network, for another interface endpoint a function calling an AWS API needs; null on DSQL, whose
     *     functions run outside any VPC
     */
    Network network() {
        return network;
    }

    /** @return the stack's alarms */
    Alarms alarms() {
        return alarms;
    }
}
