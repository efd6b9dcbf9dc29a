package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Lambda Managed Instances option ({@code -c managedInstances=true}): one capacity provider where the functions
 * live (isolated subnets, their security group, arm64), the API and the queue consumer on it with their concurrency
 * and no SnapStart, the scheduled jobs and the migration on demand, each pool sized to its share of the proxy's
 * connections; nothing of it without the option.
 */
class ManagedInstancesTest {

    private static final String MANAGED_CONFIG = "LambdaManagedInstancesCapacityProviderConfig";

    private static Synthesized synth;

    private static synchronized Synthesized managed() {
        if (synth == null) {
            synth = Synthesized.stack(Map.of("managedInstances", "true"), stack -> { });
        }
        return synth;
    }

    private final Template template = managed().template;

    @Test
    void createsOneArm64CapacityProviderInTheIsolatedSubnetsWithTheFunctionsSecurityGroup() {
        Map<String, Object> provider = provider(template);

        assertThat(Resources.<List<Object>>property(provider, "VpcConfig", "SubnetIds"))
            .containsExactlyInAnyOrderElementsOf(Resources.of(template, "AWS::EC2::Subnet").keySet().stream()
                .map(subnet -> (Object) Map.of("Ref", subnet)).toList());
        String functionsGroup = Resources.id(template, "AWS::EC2::SecurityGroup", "NetworkFunctions");
        assertThat(Resources.<List<Object>>property(provider, "VpcConfig", "SecurityGroupIds"))
            .containsExactly(Map.of("Fn::GetAtt", List.of(functionsGroup, "GroupId")));
        assertThat(Resources.<List<String>>property(provider, "InstanceRequirements", "Architectures"))
            .containsExactly("arm64");
        assertThat(Resources.<List<String>>property(provider, "InstanceRequirements", "AllowedInstanceTypes"))
            .containsExactlyInAnyOrderElementsOf(ManagedInstances.INSTANCE_TYPES);
        assertThat(Resources.<Number>property(provider, "CapacityProviderScalingConfig", "MaxVCpuCount").intValue())
            .isEqualTo(StackSettings.DEFAULT_MAX_VCPU);
        // Its own log group, with the stack's retention, rather than one Lambda would create and keep forever.
        assertThat(Resources.<Map<String, Object>>property(provider, "TelemetryConfig", "LoggingConfig", "LogGroup"))
            .containsKey("Ref");
    }

    @Test
    void runsTheApiAndTheQueueConsumerOnItWithTheirConcurrencyEveryJitTierAndNoSnapStart() {
        String providerId = Resources.id(template, "AWS::Lambda::CapacityProvider", "ManagedInstances");
        Map<String, Integer> concurrency = Map.of(FunctionSettings.API_ID, ManagedInstances.API_CONCURRENCY,
            FunctionSettings.QUEUE_CONSUMER_ID, ManagedInstances.QUEUE_CONSUMER_CONCURRENCY);

        concurrency.forEach((id, expected) -> {
            Map<String, Object> function = function(template, id);
            Map<String, Object> config = Resources.property(function, "CapacityProviderConfig", MANAGED_CONFIG);
            assertThat(config.get("CapacityProviderArn")).as(id)
                .isEqualTo(Map.of("Fn::GetAtt", List.of(providerId, "Arn")));
            assertThat(((Number) config.get("PerExecutionEnvironmentMaxConcurrency")).intValue()).as(id)
                .isEqualTo(expected);
            assertThat(((Number) config.get("ExecutionEnvironmentMemoryGiBPerVCpu")).intValue()).as(id)
                .isEqualTo(ManagedInstances.MEMORY_GIB_PER_VCPU);
            assertThat(Resources.<Number>property(function, "MemorySize").intValue()).as(id)
                .isGreaterThanOrEqualTo(2048);
            assertThat(Resources.<Object>property(function, "SnapStart")).as(id).isNull();
            assertThat(env(function)).as(id).containsEntry("JAVA_TOOL_OPTIONS",
                "-XX:+TieredCompilation -XX:TieredStopAtLevel=4");
            // The network is the capacity provider's; callers invoke the live alias, not $LATEST.PUBLISHED.
            assertThat(Resources.<Object>property(function, "VpcConfig")).as(id).isNull();
            assertThat(Resources.<Boolean>property(function, "PublishToLatestPublished")).as(id).isFalse();
            assertThat(Resources.json(Resources.property(Resources.named(template, "AWS::Lambda::Alias", id + "Live"),
                "FunctionVersion"))).as(id).contains(id + "CurrentVersion");
        });
        assertThat(ManagedInstances.QUEUE_CONSUMER_CONCURRENCY).isLessThan(ManagedInstances.API_CONCURRENCY);
    }

    @Test
    void keepsTheScheduledJobsAndTheMigrationOnDemand() {
        Map<String, Object> jobs = function(template, FunctionSettings.SCHEDULED_JOBS_ID);
        assertThat(Resources.<Object>property(jobs, "CapacityProviderConfig")).isNull();
        assertThat(Resources.<String>property(jobs, "SnapStart", "ApplyOn")).isEqualTo("PublishedVersions");
        assertThat(Resources.<List<?>>property(jobs, "VpcConfig", "SubnetIds")).hasSize(2);
        assertThat(env(jobs)).doesNotContainKeys("DB_POOL_MAX_SIZE", "JAVA_TOOL_OPTIONS");

        Map<String, Object> migration = function(template, "Migration");
        assertThat(Resources.<Object>property(migration, "CapacityProviderConfig")).isNull();
        assertThat(env(migration)).doesNotContainKeys("DB_POOL_MAX_SIZE", "JAVA_TOOL_OPTIONS");
    }

    /**
     * Every environment the provider's vCPUs can hold, each with its pool full, plus the functions on demand, stay
     * within the connections the proxy may open: the numbers are read back from the template.
     */
    @Test
    void sizesEachEnvironmentsPoolToItsShareOfTheProxysConnections() {
        int percent = Resources.<Number>property(Resources.of(template, "AWS::RDS::DBProxyTargetGroup").values()
            .iterator().next(), "ConnectionPoolConfigurationInfo", "MaxConnectionsPercent").intValue();
        int proxyConnections = Database.MAX_CONNECTIONS * percent / 100;
        int maxVCpu = Resources.<Number>property(provider(template), "CapacityProviderScalingConfig", "MaxVCpuCount")
            .intValue();

        for (String id : List.of(FunctionSettings.API_ID, FunctionSettings.QUEUE_CONSUMER_ID)) {
            Map<String, Object> function = function(template, id);
            Map<String, Object> config = Resources.property(function, "CapacityProviderConfig", MANAGED_CONFIG);
            int concurrency = ((Number) config.get("PerExecutionEnvironmentMaxConcurrency")).intValue();
            double vCpus = Resources.<Number>property(function, "MemorySize").doubleValue() / 1024
                / ((Number) config.get("ExecutionEnvironmentMemoryGiBPerVCpu")).doubleValue();
            int maxEnvironments = (int) (maxVCpu / vCpus);
            int share = (proxyConnections - ManagedInstances.ON_DEMAND_CONNECTIONS) / maxEnvironments;
            int poolSize = Integer.parseInt((String) env(function).get("DB_POOL_MAX_SIZE"));

            assertThat(poolSize).as(id).isEqualTo(Math.min(concurrency, share)).isPositive();
            assertThat(maxEnvironments * poolSize + ManagedInstances.ON_DEMAND_CONNECTIONS).as(id)
                .isLessThanOrEqualTo(proxyConnections);
        }
        // With the defaults: 72 proxy connections, less 5 on demand, over 16 one-vCPU environments.
        assertThat(env(function(template, FunctionSettings.API_ID))).containsEntry("DB_POOL_MAX_SIZE", "4");
        assertThat(env(function(template, FunctionSettings.QUEUE_CONSUMER_ID))).containsEntry("DB_POOL_MAX_SIZE", "4");
    }

    @Test
    void givesEachEnvironmentAtLeastOneConnectionOrFailsTheSynth() {
        assertThat(ManagedInstances.poolSizePerEnvironment(32, StackSettings.MIN_MAX_VCPU)).isEqualTo(5);
        assertThat(ManagedInstances.poolSizePerEnvironment(32, 67)).isEqualTo(1);
        assertThat(ManagedInstances.poolSizePerEnvironment(2, 12)).isEqualTo(2);
        assertThatThrownBy(() -> ManagedInstances.poolSizePerEnvironment(32, 68))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DB_POOL_MAX_SIZE")
            .hasMessageContaining("managedInstancesMaxVCpu to 67");

        assertThatThrownBy(() -> Synthesized.stack(Map.of("managedInstances", "true", "managedInstancesMaxVCpu", "400"),
            s -> { })).hasMessageContaining("managedInstancesMaxVCpu=400 allows 400 execution environments");
    }

    @Test
    void takesTheVCpuCeilingFromContext() {
        Template twelve = Synthesized.stack(Map.of("managedInstances", true, "managedInstancesMaxVCpu", 12),
            s -> { }).template;

        assertThat(Resources.<Number>property(provider(twelve), "CapacityProviderScalingConfig", "MaxVCpuCount")
            .intValue()).isEqualTo(12);
        assertThat(env(function(twelve, FunctionSettings.API_ID))).containsEntry("DB_POOL_MAX_SIZE", "5");
    }

    @Test
    void leavesNoCapacityProviderWithoutTheOption() {
        Template onDemand = Synthesized.stack().template;

        onDemand.resourceCountIs("AWS::Lambda::CapacityProvider", 0);
        Resources.of(onDemand, "AWS::Lambda::Function").forEach((id, function) -> {
            assertThat(Resources.<Object>property(function, "CapacityProviderConfig")).as(id).isNull();
            Map<String, Object> env = env(function);
            assertThat(env == null ? Map.of() : env).as(id).doesNotContainKeys("DB_POOL_MAX_SIZE", "JAVA_TOOL_OPTIONS");
        });
    }

    @Test
    void refusesOptionValuesThatAreNotClear() {
        Path jar = Path.of(System.getProperty(StackSettings.JAR_PROPERTY));
        for (String flag : List.of("yes", "1", "on", "")) {
            assertThatThrownBy(() -> Synthesized.stack(Map.of("managedInstances", flag), s -> { })).as(flag)
                .hasMessageContaining("managedInstances must be true or false");
        }
        for (String vCpus : List.of("sixteen", "16.5", "")) {
            assertThatThrownBy(() -> Synthesized.stack(Map.of("managedInstances", "true",
                "managedInstancesMaxVCpu", vCpus), s -> { })).as(vCpus).hasMessageContaining("whole number");
        }
        for (int vCpus : List.of(0, 11, 15001)) {
            assertThatThrownBy(() -> settings(true, vCpus, jar)).as("%d", vCpus)
                .hasMessageContaining("between 12 and 15000");
        }
        // A ceiling without the option would be silently ignored: refused instead.
        assertThatThrownBy(() -> settings(false, 16, jar)).hasMessageContaining("managedInstances=true");
        assertThat(settings(true, null, jar).managedInstancesMaxVCpu()).isEqualTo(StackSettings.DEFAULT_MAX_VCPU);
        assertThat(settings(false, null, jar).managedInstancesMaxVCpu()).isNull();
    }

    @Test
    void refusesSnapStartOrLessThanTwoGigabytesOnManagedInstances() {
        assertThatThrownBy(() -> new FunctionSettings("F", "H", "d", 2048, software.amazon.awscdk.Duration.seconds(1),
            true, Database.APP_USER, Map.of(), 8)).hasMessageContaining("no SnapStart");
        assertThatThrownBy(() -> new FunctionSettings("F", "H", "d", 1024, software.amazon.awscdk.Duration.seconds(1),
            false, Database.APP_USER, Map.of(), 8)).hasMessageContaining("at least 2048 MB");
    }

    @Test
    void leavesNoUnsuppressedNagFinding() {
        assertThat(NagTest.findings(managed())).isEmpty();
    }

    private static StackSettings settings(boolean managedInstances, Integer maxVCpu, Path jar) {
        return new StackSettings(Synthesized.ISSUER, Synthesized.AUDIENCE, true, false, null, null, null, null, null,
            null, managedInstances, maxVCpu, jar);
    }

    private static Map<String, Object> provider(Template template) {
        Map<String, Map<String, Object>> providers = Resources.of(template, "AWS::Lambda::CapacityProvider");
        assertThat(providers).hasSize(1);
        return providers.values().iterator().next();
    }

    private static Map<String, Object> function(Template template, String id) {
        return Resources.named(template, "AWS::Lambda::Function", id);
    }

    private static Map<String, Object> env(Map<String, Object> function) {
        return Resources.property(function, "Environment", "Variables");
    }
}
