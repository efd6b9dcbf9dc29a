package dev.atomicfunctions.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.IClusterEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.ProxyTarget;
import software.amazon.awscdk.services.rds.ServerlessV2ClusterInstanceProps;
import software.constructs.Construct;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The option {@code -c databaseEngine=aurora}: Aurora PostgreSQL Serverless v2, a writer and a reader in another
 * zone, behind RDS Proxy exactly as {@link Database} puts it in front of RDS (TLS and IAM required, end-to-end IAM,
 * the same users, the same share of the connections). Encrypted, private, TLS forced, IAM authentication, 7 days of
 * backups, logs exported, deletion protection as the deployment says: what the RDS instance has.
 *
 * <p>The minimum capacity is the deployment's ({@code -c auroraMinAcu}, default 0: Aurora may pause the instances);
 * with RDS Proxy attached AWS documents that they never pause, since the proxy keeps a connection to each (README,
 * "Database engines (option)"). The maximum is fixed at {@value #MAX_ACU} ACUs: the ceiling on the bill, and what
 * {@code max_connections}, and with it the connection budget, is derived from.
 */
final class AuroraDatabase extends SqlDatabase {

    /** The most an instance may scale to: 8 GiB. Also what Aurora derives {@code max_connections} from. */
    static final int MAX_ACU = 4;
    /**
     * PostgreSQL's {@code max_connections} on an Aurora Serverless v2 instance whose maximum is {@value #MAX_ACU} ACUs:
     * 823, AWS's default for that maximum (Aurora User Guide, "Maximum connections for Aurora Serverless v2", as
     * quoted, not read here: an assumption to check with {@code SHOW max_connections}). It follows the maximum, not
     * the current capacity, and does not move while the instance scales.
     */
    static final int MAX_CONNECTIONS = 823;
    /** How long an instance must be idle before Aurora pauses it (with a minimum of 0): AWS's shortest interval. */
    static final Duration AUTO_PAUSE = Duration.minutes(5);
    /**
     * 17.7: Aurora PostgreSQL 17 (as RDS runs 17), a version with auto-pause (16.3 and later), recent in the pinned
     * aws-cdk-lib; minor versions follow automatically.
     */
    static final AuroraPostgresEngineVersion VERSION = AuroraPostgresEngineVersion.VER_17_7;

    private final DatabaseCluster cluster;
    private final DatabaseProxy proxy;

    AuroraDatabase(Construct scope, String id, Network network, StackSettings settings) {
        super(scope, id);
        SecurityGroup clusterGroup = Database.group(this, "Cluster", network, "Aurora PostgreSQL: from the proxy only");
        SecurityGroup proxyGroup = Database.group(this, "Proxy", network,
            "RDS Proxy: from the functions; to the database");
        cluster = cluster(network, settings, clusterGroup);
        proxy = Database.proxyInFront(this, network, proxyGroup, ProxyTarget.fromCluster(cluster), cluster.getSecret(),
            cluster.getClusterResourceIdentifier());
    }

    private DatabaseCluster cluster(Network network, StackSettings settings, SecurityGroup group) {
        IClusterEngine engine = DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
            .version(VERSION).build());
        String identifier = Stack.of(this).getStackName().toLowerCase(Locale.ROOT) + "-aurora";
        // The writer and its reader each in their own zone: the reader is the failover target. Promotion tier 1
        // (scaleWithWriter) keeps it at the writer's capacity, so a failover lands on a warm instance.
        List<String> zones = network.vpc().getAvailabilityZones();
        DatabaseCluster.Builder builder = DatabaseCluster.Builder.create(this, "Cluster")
            .engine(engine)
            .clusterIdentifier(identifier)
            .vpc(network.vpc()).vpcSubnets(network.isolatedSubnets()).securityGroups(List.of(group))
            .writer(ClusterInstance.serverlessV2("Writer", instance(zones.get(0), false)))
            .readers(List.of(ClusterInstance.serverlessV2("Reader", instance(zones.get(1), true))))
            .serverlessV2MinCapacity(settings.auroraMinAcu())
            .serverlessV2MaxCapacity(MAX_ACU)
            .defaultDatabaseName(Database.NAME)
            .credentials(Credentials.fromGeneratedSecret(Database.MASTER_USER))
            .iamAuthentication(true)
            .parameterGroup(ParameterGroup.Builder.create(this, "Parameters")
                .engine(engine).parameters(new TreeMap<>(Map.of("rds.force_ssl", "1"))).build())
            .storageEncrypted(true)
            .backup(BackupProps.builder().retention(Duration.days(7)).build())
            .deletionProtection(settings.deletionProtection())
            .removalPolicy(settings.deletionProtection() ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
            .cloudwatchLogsExports(List.of("postgresql"));
        if (settings.auroraMinAcu() == 0) {
            builder.serverlessV2AutoPauseDuration(AUTO_PAUSE);
        }
        DatabaseCluster created = builder.build();
        // The log group RDS would create itself, made here first with a retention: no log-retention custom resource.
        created.getNode().addDependency(Logs.named(this, "PostgresqlLogs",
            "/aws/rds/cluster/" + identifier + "/postgresql"));
        return created;
    }

    private static ServerlessV2ClusterInstanceProps instance(String zone, boolean reader) {
        ServerlessV2ClusterInstanceProps.Builder props = ServerlessV2ClusterInstanceProps.builder()
            .availabilityZone(zone)
            .publiclyAccessible(false)
            .autoMinorVersionUpgrade(true);
        return (reader ? props.scaleWithWriter(true) : props).build();
    }

    /** What the proxy may open: the same 90% of {@link #MAX_CONNECTIONS} as on RDS (740). */
    static int proxyConnections() {
        return MAX_CONNECTIONS * Database.PROXY_MAX_CONNECTIONS_PERCENT / 100;
    }

    @Override
    int connectionBudget() {
        return proxyConnections();
    }

    @Override
    void grantConnect(IGrantable grantee, String user) {
        proxy.grantConnect(grantee, user);
    }

    /** @return the same URL as on RDS, the proxy's: the application adapts it to Aurora itself ({@code DB_ENGINE}) */
    @Override
    String jdbcUrl() {
        return Database.proxyUrl(proxy);
    }

    @Override
    Map<String, String> engineEnvironment() {
        return new TreeMap<>(Map.of("DB_ENGINE", DatabaseEngine.AURORA.value()));
    }

    @Override
    DatabaseProxy proxy() {
        return proxy;
    }

    DatabaseCluster cluster() {
        return cluster;
    }
}
