package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The option {@code -c databaseEngine=aurora}: an Aurora PostgreSQL Serverless v2 cluster (writer and reader in two
 * zones) with what the RDS instance has, behind the same RDS Proxy, and the functions told so ({@code DB_ENGINE}).
 */
class AuroraTest {

    private static Synthesized synth;

    static synchronized Synthesized aurora() {
        if (synth == null) {
            synth = Synthesized.stack(Map.of("databaseEngine", "aurora"), stack -> { });
        }
        return synth;
    }

    private final Template template = aurora().template;

    @Test
    void runsAServerlessV2WriterAndAReaderThatFollowsItInAnotherZone() {
        Map<String, Object> cluster = cluster(template);
        assertThat(Resources.<String>property(cluster, "Engine")).isEqualTo("aurora-postgresql");
        assertThat(Resources.<String>property(cluster, "EngineVersion")).startsWith("17.");
        template.resourceCountIs("AWS::RDS::DBCluster", 1);

        Map<String, Map<String, Object>> instances = Resources.of(template, "AWS::RDS::DBInstance");
        assertThat(instances).hasSize(2);
        instances.values().forEach(instance -> {
            assertThat(Resources.<String>property(instance, "DBInstanceClass")).isEqualTo("db.serverless");
            assertThat(Resources.<Boolean>property(instance, "PubliclyAccessible")).isFalse();
        });
        Map<String, Object> writer = Resources.named(template, "AWS::RDS::DBInstance", "DatabaseClusterWriter");
        Map<String, Object> reader = Resources.named(template, "AWS::RDS::DBInstance", "DatabaseClusterReader");
        assertThat(Resources.<Object>property(reader, "AvailabilityZone"))
            .isNotEqualTo(Resources.property(writer, "AvailabilityZone"));
        // Promotion tier 1: the reader keeps the writer's capacity, so a failover lands on a warm instance.
        assertThat(Resources.<Number>property(reader, "PromotionTier").intValue()).isEqualTo(1);
    }

    @Test
    void keepsTheClusterPrivateEncryptedProtectedBackedUpLoggedAndTlsOnlyAsTheRdsInstance() {
        template.hasResourceProperties("AWS::RDS::DBCluster", Map.of(
            "StorageEncrypted", true, "DeletionProtection", true, "EnableIAMDatabaseAuthentication", true,
            "BackupRetentionPeriod", 7, "EnableCloudwatchLogsExports", List.of("postgresql"),
            "DatabaseName", Database.NAME, "MasterUsername", Database.MASTER_USER));
        template.hasResource("AWS::RDS::DBCluster", Map.of("DeletionPolicy", "Snapshot"));
        template.hasResourceProperties("AWS::RDS::DBClusterParameterGroup",
            Map.of("Parameters", Map.of("rds.force_ssl", "1")));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
            "LogGroupName", "/aws/rds/cluster/atomicfunctions-aurora/postgresql", "RetentionInDays", 30));
        assertThat(Resources.json(Resources.property(cluster(template), "MasterUserPassword")))
            .contains("resolve:secretsmanager");
    }

    @Test
    void scalesFromZeroAcusAndMayPauseByDefaultUpToTheFixedMaximum() {
        Map<String, Object> scaling = Resources.property(cluster(template), "ServerlessV2ScalingConfiguration");

        assertThat(((Number) scaling.get("MinCapacity")).doubleValue()).isZero();
        assertThat(((Number) scaling.get("MaxCapacity")).intValue()).isEqualTo(AuroraDatabase.MAX_ACU);
        assertThat(((Number) scaling.get("SecondsUntilAutoPause")).intValue()).isEqualTo(300);
    }

    @Test
    void takesTheMinimumCapacityFromContextAndSetsNoPauseAboveZero() {
        Template halfAcu = Synthesized.stack(Map.of("databaseEngine", "aurora", "auroraMinAcu", "0.5"),
            s -> { }).template;

        Map<String, Object> scaling = Resources.property(cluster(halfAcu), "ServerlessV2ScalingConfiguration");
        assertThat(((Number) scaling.get("MinCapacity")).doubleValue()).isEqualTo(0.5);
        assertThat(scaling).doesNotContainKey("SecondsUntilAutoPause");
    }

    /** The same proxy as on RDS, its target the cluster: TLS, IAM, end-to-end IAM as tasks_app, 90% of connections. */
    @Test
    void putsTheSameRdsProxyInFrontOfTheCluster() {
        template.hasResourceProperties("AWS::RDS::DBProxy", Map.of(
            "RequireTLS", true, "DefaultAuthScheme", "IAM_AUTH", "EngineFamily", "POSTGRESQL",
            "Auth", List.of(Map.of("AuthScheme", "SECRETS", "IAMAuth", "REQUIRED",
                "SecretArn", Map.of("Ref", Resources.id(template, "AWS::SecretsManager::SecretTargetAttachment",
                    "DatabaseCluster"))))));
        String cluster = Resources.id(template, "AWS::RDS::DBCluster", "DatabaseCluster");
        template.hasResourceProperties("AWS::RDS::DBProxyTargetGroup", Map.of(
            "DBClusterIdentifiers", List.of(Map.of("Ref", cluster)),
            "ConnectionPoolConfigurationInfo",
            Map.of("MaxConnectionsPercent", Database.PROXY_MAX_CONNECTIONS_PERCENT)));
        assertThat(Resources.json(Resources.named(template, "AWS::IAM::Policy", "DatabaseProxyRoleDefaultPolicy")))
            .contains("rds-db:connect", "dbuser:", "DBClusterResourceId", "/" + Database.APP_USER);
    }

    @Test
    void letsOnlyTheFunctionsReachTheProxyAndOnlyTheProxyReachTheCluster() {
        String functions = Resources.id(template, "AWS::EC2::SecurityGroup", "NetworkFunctions");
        String proxy = Resources.id(template, "AWS::EC2::SecurityGroup", "DatabaseProxyGroup");
        String cluster = Resources.id(template, "AWS::EC2::SecurityGroup", "DatabaseClusterGroup");

        assertThat(ingressSources(proxy)).containsExactly(functions);
        assertThat(ingressSources(cluster)).containsExactly(proxy);
        assertThat(Resources.<List<Object>>property(cluster(template), "VpcSecurityGroupIds"))
            .containsExactly(Map.of("Fn::GetAtt", List.of(cluster, "GroupId")));
    }

    /** DB_URL as on RDS (the proxy's endpoint, same query string); the application adapts it for Aurora itself. */
    @Test
    void givesEveryFunctionDbEngineAuroraAndTheProxysUrlAsOnRds() {
        Template rds = Synthesized.stack().template;
        for (String id : List.of(FunctionSettings.API_ID, FunctionSettings.QUEUE_CONSUMER_ID,
            FunctionSettings.SCHEDULED_JOBS_ID, "Migration")) {
            Map<String, Object> env = env(template, id);
            assertThat(env).as(id).containsEntry("DB_ENGINE", "aurora").containsEntry("DB_IAM_AUTH", "true")
                .doesNotContainKey("DB_PASSWORD");
            assertThat(env.get("DB_URL")).as(id).isEqualTo(env(rds, id).get("DB_URL"));
            assertThat(env.get("DB_USERNAME")).as(id).isEqualTo(env(rds, id).get("DB_USERNAME"));
            assertThat(Resources.<List<?>>property(function(template, id), "VpcConfig", "SubnetIds")).as(id).hasSize(2);
        }
    }

    @Test
    void keepsTheProxyAlarmAndEveryOther() {
        assertThat(Resources.of(template, "AWS::CloudWatch::Alarm")).hasSize(4 * 3 + 1 + 4);
        Resources.named(template, "AWS::CloudWatch::Alarm", "AlarmsProxyConnectionSaturation");
    }

    /** Aurora's max_connections (823 at 4 ACUs) gives the proxy 740: the environments' pools are their concurrency. */
    @Test
    void sizesTheManagedInstancesPoolsFromAurorasConnections() {
        Synthesized managed = Synthesized.stack(Map.of("databaseEngine", "aurora", "managedInstances", "true"),
            s -> { });

        assertThat(AuroraDatabase.proxyConnections()).isEqualTo(740);
        int share = (AuroraDatabase.proxyConnections() - ManagedInstances.ON_DEMAND_CONNECTIONS)
            / StackSettings.DEFAULT_MAX_VCPU;
        assertThat(env(managed.template, FunctionSettings.API_ID))
            .containsEntry("DB_POOL_MAX_SIZE", String.valueOf(Math.min(ManagedInstances.API_CONCURRENCY, share)))
            .containsEntry("DB_ENGINE", "aurora");
        assertThat(env(managed.template, FunctionSettings.QUEUE_CONSUMER_ID))
            .containsEntry("DB_POOL_MAX_SIZE", String.valueOf(ManagedInstances.QUEUE_CONSUMER_CONCURRENCY));
        assertThat(NagTest.findings(managed)).isEmpty();
    }

    @Test
    void dropsDeletionProtectionOnlyWhenTheDeploymentAsksForIt() {
        Template throwaway = Synthesized.stack(Map.of("databaseEngine", "aurora", "deletionProtection", "false"),
            s -> { }).template;

        throwaway.hasResourceProperties("AWS::RDS::DBCluster", Map.of("DeletionProtection", false));
        throwaway.hasResource("AWS::RDS::DBCluster", Map.of("DeletionPolicy", "Delete"));
    }

    @Test
    void refusesAMinimumCapacityAuroraCannotTakeOrThatNoAuroraWouldRead() {
        for (String acus : List.of("-0.5", "0.25", "4.5", "5")) {
            assertThatThrownBy(() -> Synthesized.stack(Map.of("databaseEngine", "aurora", "auroraMinAcu", acus),
                s -> { })).as(acus).hasMessageContaining("auroraMinAcu must be between 0 and 4 ACUs in steps of 0.5");
        }
        assertThatThrownBy(() -> Synthesized.stack(Map.of("databaseEngine", "aurora", "auroraMinAcu", "half"),
            s -> { })).hasMessageContaining("auroraMinAcu must be a number");
        for (String engine : List.of("rds", "dsql")) {
            assertThatThrownBy(() -> Synthesized.stack(Map.of("databaseEngine", engine, "auroraMinAcu", "1"),
                s -> { })).as(engine).hasMessageContaining("auroraMinAcu applies to Aurora only");
        }
        // A standby is RDS's: the cluster has its reader already.
        assertThatThrownBy(() -> Synthesized.stack(Map.of("databaseEngine", "aurora", "multiAz", "true"), s -> { }))
            .hasMessageContaining("multiAz=true applies to RDS only");
    }

    @Test
    void leavesNoUnsuppressedNagFinding() {
        assertThat(NagTest.findings(aurora())).isEmpty();
    }

    private static Map<String, Object> cluster(Template template) {
        return Resources.named(template, "AWS::RDS::DBCluster", "DatabaseCluster");
    }

    private static Map<String, Object> function(Template template, String id) {
        return Resources.named(template, "AWS::Lambda::Function", id);
    }

    private static Map<String, Object> env(Template template, String id) {
        return Resources.property(function(template, id), "Environment", "Variables");
    }

    /** @return the logical ids of the security groups allowed into {@code group} */
    private List<String> ingressSources(String group) {
        return Resources.of(template, "AWS::EC2::SecurityGroupIngress").values().stream()
            .filter(rule -> Resources.json(Resources.property(rule, "GroupId")).contains(group))
            .map(rule -> Resources.json(Resources.property(rule, "SourceSecurityGroupId")))
            .map(source -> source.replaceAll(".*\\[\"([^\"]+)\".*", "$1"))
            .toList();
    }
}
