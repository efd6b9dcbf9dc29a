package dev.atomicfunctions.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.constructs.Construct;

/**
 * The whole deployment: network, database and proxy, the functions, the HTTP API, migrations, alarms.
 *
 * <p>A new function is one {@link Functions#create} call with its {@link FunctionSettings}, plus what invokes it:
 * {@link Api#route} for HTTP, {@link QueueConsumer} for a queue, {@link ScheduledJob} for a schedule; then
 * {@link Alarms#watch} and, if it must see the new schema first, {@link Migrations#runBefore}.
 */
public final class AtomicFunctionsStack extends Stack {

    private final Network network;
    private final Functions functions;
    private final Alarms alarms;

    public AtomicFunctionsStack(Construct scope, String id, StackProps props, StackSettings settings) {
        super(scope, id, props);
        network = new Network(this, "Network");
        Database database = new Database(this, "Database", network, settings);
        functions = new Functions(this, network, database, settings);
        alarms = new Alarms(this, "Alarms", settings);

        AtomicFunction migration = functions.create(FunctionSettings.migration());
        AtomicFunction tasks = functions.create(FunctionSettings.tasksApi());

        Migrations migrations = new Migrations(this, "Migrations", migration, database);
        migrations.runBefore(tasks);

        Api api = new Api(this, "Api", settings);
        api.route("/tasks", tasks, HttpMethod.GET, HttpMethod.POST);
        api.route("/tasks/{id}", tasks, HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE);
        api.route("/tasks/batch", tasks, HttpMethod.POST);

        alarms.watch(tasks);
        alarms.watch(migration);
        alarms.watchProxy(database);
        Suppressions.database(database, settings);

        CfnOutput.Builder.create(this, "ApiUrl").value(api.url()).description("Base URL of the HTTP API").build();
    }

    /** @return the factory every function of this stack is built with (for the functions later issues add) */
    Functions functions() {
        return functions;
    }

    /** @return the network, for the interface endpoint a function calling an AWS API needs */
    Network network() {
        return network;
    }

    /** @return the stack's alarms */
    Alarms alarms() {
        return alarms;
    }
}
