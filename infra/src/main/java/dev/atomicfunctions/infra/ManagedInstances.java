package dev.atomicfunctions.infra;

import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CapacityProvider;
import software.amazon.awscdk.services.lambda.CapacityProviderFunctionOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.InstanceTypeFilter;
import software.amazon.awscdk.services.lambda.ScalingOptions;
import software.constructs.Construct;

import java.util.List;

/**
 * The option {@code -c managedInstances=true}: one Lambda Managed Instances capacity provider, on which the API
 * function and the queue consumer run (README, "Lambda Managed Instances"). Its instances live where the functions do
 * on demand, in the isolated subnets with the functions' security group, so the proxy and the SQS endpoint let them in
 * unchanged. One execution environment serves many invocations at once, each on a thread of its own (the application
 * is built for it: PoolSize, InvocationEnd), and its pool is sized to its share of the database's connections
 * ({@link #poolSizePerEnvironment}).
 */
final class ManagedInstances extends Construct {

    /** Memory of an execution environment: Lambda Managed Instances' minimum, twice the 1024 MB on demand. */
    static final int MEMORY_MB = 2048;
    /**
     * 2 GiB per vCPU, so an environment is one vCPU: the work is waiting on the database, not computing, and one vCPU
     * carries the threads; the compute-optimised instances below have the same ratio, so no memory is paid for idle.
     */
    static final int MEMORY_GIB_PER_VCPU = 2;
    static final int VCPUS_PER_ENVIRONMENT = MEMORY_MB / (MEMORY_GIB_PER_VCPU * 1024);
    /**
     * Invocations one API environment serves at once: Lambda's default for Java on one vCPU. A request spends its time
     * waiting on the database, so 32 threads do not overload the vCPU; how many of them use the database at once is
     * the pool's to limit (the others wait for a connection, at most DB_CONNECTION_TIMEOUT_MS).
     */
    static final int API_CONCURRENCY = 32;
    /**
     * Invocations one consumer environment serves at once: the event source mapping never has more batches in flight
     * than {@link QueueConsumer#MAX_CONCURRENCY}, so more threads would never be used. Fewer than the API, so that a
     * backlog still cannot take the database from the requests.
     */
    static final int QUEUE_CONSUMER_CONCURRENCY = QueueConsumer.MAX_CONCURRENCY;
    /**
     * Connections the functions left on demand may hold at once, kept out of the environments' share: the migration's
     * pool (3, MigrationHandler) and the scheduled jobs (one per run; a retried run may overlap the next one: 2).
     */
    static final int ON_DEMAND_CONNECTIONS = 3 + 2;
    /**
     * Graviton compute-optimised xlarge instances (4 vCPUs, 8 GiB), of three generations so that one short of
     * capacity is not a deployment stuck: their 2 GiB per vCPU is the environments' ratio, three of them (Lambda's
     * default, one per zone it can use) fit the default ceiling of 16 vCPUs, and a large one (2 vCPUs) would hold a
     * single environment beside what the instance keeps for itself.
     */
    static final List<String> INSTANCE_TYPES = List.of("c7g.xlarge", "c6g.xlarge", "c8g.xlarge");

    /**
     * The JIT the environments run with ({@code JAVA_TOOL_OPTIONS}): every tier, up to C2. On demand the Java runtime
     * stops at C1 (level 1) so that a cold start compiles less; from Java 25 it lifts that stop for SnapStart and
     * provisioned concurrency, whose environments start before traffic reaches them (AWS, "Customize Java runtime
     * startup behavior"). An environment here starts before traffic too, is primed at init
     * ({@code ManagedInstancesPriming}) and then serves for hours: C2's code costs its compilation once, and then
     * serves each request with less CPU (README, "Lambda Managed Instances").
     */
    static final String JIT = "-XX:+TieredCompilation -XX:TieredStopAtLevel=4";

    private final CapacityProvider provider;
    private final int maxVCpu;
    /** The connections the database's proxy may open, which every pool together must stay within. */
    private final int connections;

    ManagedInstances(Construct scope, String id, Network network, int maxVCpu, int connections) {
        super(scope, id);
        this.maxVCpu = maxVCpu;
        this.connections = connections;
        provider = CapacityProvider.Builder.create(this, "CapacityProvider")
            .subnets(network.vpc().selectSubnets(network.isolatedSubnets()).getSubnets())
            .securityGroups(List.of(network.functions()))
            // The functions' architecture: arm64 everywhere in this stack.
            .architectures(List.of(Architecture.ARM_64))
            .instanceTypeFilter(InstanceTypeFilter.allow(INSTANCE_TYPES.stream().map(InstanceType::new).toList()))
            // The ceiling on the bill, and what bounds the environments' share of the database (below).
            .maxVCpuCount(maxVCpu)
            // Lambda's own CPU target: it keeps the headroom to absorb traffic doubling within five minutes.
            .scalingOptions(ScalingOptions.auto())
            // Else Lambda creates its own log group, kept forever and left behind by the stack.
            .logGroup(Logs.group(this, "Logs"))
            .build();
        Suppressions.capacityProvider(provider);
    }

    /**
     * Puts {@code function} on the instances with its settings' concurrency, and gives it its pool size as
     * {@code DB_POOL_MAX_SIZE} and its {@link #JIT}.
     */
    void place(Function function, FunctionSettings settings) {
        provider.addFunction(function, CapacityProviderFunctionOptions.builder()
            .perExecutionEnvironmentMaxConcurrency(settings.managedConcurrency())
            .executionEnvironmentMemoryGiBPerVCpu(MEMORY_GIB_PER_VCPU)
            // Callers invoke the live alias's numbered version only: $LATEST.PUBLISHED would start three more
            // environments (vCPUs, connections) that nothing invokes.
            .publishToLatestPublished(false)
            .build());
        function.addEnvironment("DB_POOL_MAX_SIZE",
            String.valueOf(poolSizePerEnvironment(settings.managedConcurrency(), maxVCpu, connections)));
        function.addEnvironment("JAVA_TOOL_OPTIONS", JIT);
    }

    /**
     * The pool of one execution environment ({@code DB_POOL_MAX_SIZE}): its share of the database connections the
     * proxy may open, so that every environment the capacity provider can hold, each with its pool full, and the
     * functions left on demand stay within them, however the environments are spread over the two functions.
     *
     * @param connections what the proxy may open ({@link SqlDatabase#connectionBudget}): 72 on RDS, 740 on Aurora
     * @throws IllegalArgumentException when the share is less than one connection: the capacity provider may hold
     *     more environments than the database has connections for (a smaller {@code managedInstancesMaxVCpu}, or a
     *     bigger database, which raises {@link Database#MAX_CONNECTIONS} or {@link AuroraDatabase#MAX_CONNECTIONS})
     */
    static int poolSizePerEnvironment(int concurrency, int maxVCpu, int connections) {
        // What the environments may have: the proxy's connections (72 on db.t4g.micro) less the on-demand ones (5).
        int forEnvironments = connections - ON_DEMAND_CONNECTIONS;
        // Every environment of either function, of any version (an old one still draining during a deployment),
        // runs on the provider's instances, whose vCPUs never exceed the ceiling: at most 16 with the defaults.
        int maxEnvironments = maxVCpu / VCPUS_PER_ENVIRONMENT;
        int share = forEnvironments / maxEnvironments;
        if (share < 1) {
            throw new IllegalArgumentException("managedInstancesMaxVCpu=" + maxVCpu + " allows " + maxEnvironments
                + " execution environments, but the database has connections for " + forEnvironments
                + " (RDS Proxy: " + connections + ", less " + ON_DEMAND_CONNECTIONS
                + " for the functions on demand): no DB_POOL_MAX_SIZE gives each a connection. Lower"
                + " managedInstancesMaxVCpu to " + forEnvironments * VCPUS_PER_ENVIRONMENT
                + " or less, or give the database more connections (a bigger instance class; on Aurora, a higher"
                + " maximum capacity)");
        }
        // An environment never needs more connections than invocations it serves at once (16 vCPUs: 4 each).
        return Math.min(concurrency, share);
    }

    /** @return the pool of one environment on the default engine, RDS ({@link Database#proxyConnections}) */
    static int poolSizePerEnvironment(int concurrency, int maxVCpu) {
        return poolSizePerEnvironment(concurrency, maxVCpu, Database.proxyConnections());
    }
}
