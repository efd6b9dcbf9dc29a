package dev.atomicfunctions.infra;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that turns a handler class and its settings into a deployed function: java25 on arm64 (about 20%
 * cheaper per GB-second than x86 and as fast for this code), in the isolated subnets (outside any VPC on DSQL, which
 * has none), X-Ray tracing, a log group with retention, the shared database settings, and a {@code live} alias on the
 * published version, which is what every caller (API route, queue, schedule) invokes, so SnapStart always applies.
 *
 * <p>With {@code -c managedInstances=true}, a function whose settings say so runs on the stack's Lambda Managed
 * Instances instead ({@link ManagedInstances}), whose instances are in the same subnets with the same security group.
 */
final class Functions {

    /** Alias every caller invokes. */
    static final String ALIAS = "live";

    private final Construct scope;
    /** The stack's VPC; null on DSQL, where the functions run outside any VPC. */
    private final Network network;
    private final SqlDatabase database;
    private final Code code;
    /** The capacity provider, with the option on; null on demand. */
    private final ManagedInstances managedInstances;

    Functions(Construct scope, Network network, SqlDatabase database, StackSettings settings) {
        this.scope = scope;
        this.network = network;
        this.database = database;
        this.code = Code.fromAsset(settings.jar().toString());
        this.managedInstances = settings.managedInstances()
            ? new ManagedInstances(scope, "ManagedInstances", network, settings.managedInstancesMaxVCpu(),
                database.connectionBudget()) : null;
    }

    /** @return the function, its log group and its alias, with database access granted for its user */
    AtomicFunction create(FunctionSettings settings) {
        if (settings.onManagedInstances() && managedInstances == null) {
            throw new IllegalStateException(settings.id() + " is for Lambda Managed Instances, which this deployment"
                + " does not have: -c managedInstances=true");
        }
        LogGroup logs = Logs.group(scope, settings.id() + "Logs");
        Function.Builder builder = Function.Builder.create(scope, settings.id())
            .runtime(Runtime.JAVA_25)
            .architecture(Architecture.ARM_64)
            .handler(settings.handler())
            .code(code)
            .description(settings.description())
            .memorySize(settings.memoryMb())
            .timeout(settings.timeout())
            .snapStart(settings.snapStart() ? SnapStartConf.ON_PUBLISHED_VERSIONS : null)
            .tracing(Tracing.ACTIVE)
            .logGroup(logs)
            .environment(environment(settings));
        // On Managed Instances the network is the capacity provider's (the same subnets and security group); on DSQL
        // there is none: DSQL and SQS are reached over their public endpoints.
        if (!settings.onManagedInstances() && network != null) {
            builder.vpc(network.vpc()).vpcSubnets(network.isolatedSubnets())
                .securityGroups(List.of(network.functions()));
        }
        Function function = builder.build();
        if (settings.onManagedInstances()) {
            managedInstances.place(function, settings);
        }
        database.grantConnect(function, settings.databaseUser());
        if (settings.snapStart()) {
            Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "callers invoke the live alias, which always points at a published version");
        }
        Suppressions.function(function, settings);
        Alias alias = Alias.Builder.create(scope, settings.id() + "Live")
            .aliasName(ALIAS).version(function.getCurrentVersion()).build();
        return new AtomicFunction(function, alias, logs, settings);
    }

    /**
     * The connection settings every function shares (README, "Configuration"), the engine's ({@code DB_ENGINE} on
     * Aurora and DSQL), then the function's own. Sorted: no map's iteration order reaches the template.
     */
    private Map<String, String> environment(FunctionSettings settings) {
        Map<String, String> environment = new TreeMap<>(Map.of(
            "DB_URL", database.jdbcUrl(),
            "DB_USERNAME", settings.databaseUser(),
            "DB_IAM_AUTH", "true",
            "DB_CONNECTION_TIMEOUT_MS", "3000",
            // RDS Proxy ends idle client connections after 30 minutes, DSQL ends every connection after 60: retire
            // ours well before either.
            "DB_MAX_LIFETIME_MS", "900000"));
        environment.putAll(database.engineEnvironment());
        environment.putAll(settings.environment());
        return environment;
    }
}
