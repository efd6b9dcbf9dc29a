package dev.atomicfunctions.infra;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.rds.DefaultAuthScheme;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.ProxyTarget;
import software.amazon.awscdk.services.rds.StorageType;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RDS for PostgreSQL behind RDS Proxy: the default engine ({@code -c databaseEngine=rds}). Chosen over Aurora
 * Serverless v2 ({@link AuroraDatabase}) on cost (README, "Cost"): with a proxy, Aurora cannot pause and the proxy
 * bills at least 8 ACUs, so idle it costs several times this.
 *
 * <p>Two database users. The master user (password generated into Secrets Manager, read by the proxy alone)
 * migrates; {@value #APP_USER}, created by the migration function, is what the API functions log in as. It has no
 * password anywhere: clients authenticate to the proxy with IAM tokens (TLS required), and the proxy logs in to the
 * database with IAM too (end-to-end IAM authentication).
 */
final class Database extends SqlDatabase {

    /** The API functions' database user. */
    static final String APP_USER = "tasks_app";
    /** The master user, used only by the migration function. */
    static final String MASTER_USER = "postgres";
    static final String NAME = "atomic";
    /**
     * PostgreSQL's {@code max_connections} on the instance class below, as the connection budget assumes it. RDS sets
     * it to {@code LEAST(DBInstanceClassMemory/9531392, 5000)}: 112 for a whole GiB, but DBInstanceClassMemory is what
     * the db.t4g.micro's 1 GiB leaves after the operating system and RDS's own processes, so about 80. An assumption
     * to check ({@code SHOW max_connections}) and to raise with a bigger instance class.
     */
    static final int MAX_CONNECTIONS = 80;
    /**
     * The share of {@link #MAX_CONNECTIONS} the proxy may open (RDS Proxy's MaxConnectionsPercent). Not all of it:
     * the last tenth stays for what never comes through the proxy, PostgreSQL's superuser-reserved slots and RDS's
     * own monitoring sessions, so the proxy is not refused a connection it counts on.
     */
    static final int PROXY_MAX_CONNECTIONS_PERCENT = 90;

    private final DatabaseInstance instance;
    private final DatabaseProxy proxy;

    Database(Construct scope, String id, Network network, StackSettings settings) {
        super(scope, id);
        SecurityGroup databaseGroup = group(this, "Instance", network, "PostgreSQL: from the proxy only");
        SecurityGroup proxyGroup = group(this, "Proxy", network, "RDS Proxy: from the functions; to the database");
        instance = instance(network, settings, databaseGroup);
        proxy = proxyInFront(this, network, proxyGroup, ProxyTarget.fromInstance(instance), instance.getSecret(),
            instance.getInstanceResourceId());
    }

    /**
     * The proxy every function connects through, built the same way in front of an RDS instance or an Aurora cluster:
     * TLS required, IAM required, and end-to-end IAM ({@code DefaultAuthScheme: IAM_AUTH}); open to the functions'
     * security group alone.
     *
     * @param resourceId the database's resource id (instance or cluster), which its {@code dbuser} ARN names
     */
    static DatabaseProxy proxyInFront(Construct scope, Network network, SecurityGroup proxyGroup, ProxyTarget target,
                                      ISecret masterSecret, String resourceId) {
        DatabaseProxy proxy = DatabaseProxy.Builder.create(scope, "Proxy")
            .proxyTarget(target)
            .vpc(network.vpc()).vpcSubnets(network.isolatedSubnets()).securityGroups(List.of(proxyGroup))
            .requireTls(true)
            .iamAuth(true)
            .maxConnectionsPercent(PROXY_MAX_CONNECTIONS_PERCENT)
            .defaultAuthScheme(DefaultAuthScheme.IAM_AUTH)
            // The proxy reads the master password to log in as the master user (migrations); every other user,
            // tasks_app included, is logged in with IAM.
            .secrets(List.of(masterSecret))
            .role(proxyRole(scope, resourceId))
            .build();
        // The proxy target already opens the database's port to the proxy (ingress and the proxy's egress).
        proxyGroup.addIngressRule(network.functions(), Port.tcp(5432), "Lambda functions");
        network.functions().addEgressRule(proxyGroup, Port.tcp(5432), "RDS Proxy");
        return proxy;
    }

    private DatabaseInstance instance(Network network, StackSettings settings, SecurityGroup group) {
        IInstanceEngine engine = DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
            .version(PostgresEngineVersion.VER_17).build());
        String identifier = Stack.of(this).getStackName().toLowerCase(Locale.ROOT) + "-postgres";
        DatabaseInstance created = DatabaseInstance.Builder.create(this, "Instance")
            .engine(engine)
            .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO))
            .vpc(network.vpc()).vpcSubnets(network.isolatedSubnets()).securityGroups(List.of(group))
            .publiclyAccessible(false)
            .databaseName(NAME)
            .credentials(Credentials.fromGeneratedSecret(MASTER_USER))
            .iamAuthentication(true)
            .parameterGroup(ParameterGroup.Builder.create(this, "Parameters")
                .engine(engine).parameters(Map.of("rds.force_ssl", "1")).build())
            .storageEncrypted(true)
            .storageType(StorageType.GP3).allocatedStorage(20).maxAllocatedStorage(100)
            .multiAz(settings.multiAz())
            .backupRetention(Duration.days(7))
            .deletionProtection(settings.deletionProtection())
            .removalPolicy(settings.deletionProtection() ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
            .autoMinorVersionUpgrade(true)
            .instanceIdentifier(identifier)
            .cloudwatchLogsExports(List.of("postgresql"))
            .build();
        // The log group RDS would create itself, made here first with a retention: no log-retention custom resource.
        created.getNode().addDependency(Logs.named(this, "PostgresqlLogs",
            "/aws/rds/instance/" + identifier + "/postgresql"));
        return created;
    }

    /** The proxy's own role: end-to-end IAM means it needs rds-db:connect on the database for the app user. */
    private static Role proxyRole(Construct scope, String resourceId) {
        Role role = Role.Builder.create(scope, "ProxyRole").assumedBy(new ServicePrincipal("rds.amazonaws.com"))
            .description("RDS Proxy: reads the master secret, connects to the database as " + APP_USER + " with IAM")
            .build();
        role.addToPolicy(PolicyStatement.Builder.create()
            .actions(List.of("rds-db:connect"))
            .resources(List.of(Stack.of(scope).formatArn(ArnComponents.builder()
                .service("rds-db").resource("dbuser")
                .resourceName(resourceId + "/" + APP_USER)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build())))
            .build());
        return role;
    }

    static SecurityGroup group(Construct scope, String id, Network network, String description) {
        return SecurityGroup.Builder.create(scope, id + "Group").vpc(network.vpc()).description(description)
            .allowAllOutbound(false).build();
    }

    /**
     * @return how many database connections the proxy may open at most: what every pool of every function, together,
     *     must stay within (the app's pools hold one proxy connection per invocation, and a pinned one keeps its
     *     database connection, so the safe count is one database connection per pooled connection)
     */
    static int proxyConnections() {
        return MAX_CONNECTIONS * PROXY_MAX_CONNECTIONS_PERCENT / 100;
    }

    @Override
    int connectionBudget() {
        return proxyConnections();
    }

    /** Lets {@code grantee} open proxy connections as {@code user} (IAM policy on the proxy's dbuser ARN). */
    @Override
    void grantConnect(IGrantable grantee, String user) {
        proxy.grantConnect(grantee, user);
    }

    /** @return the JDBC URL functions use: the proxy, TLS with the certificate and host name verified */
    @Override
    String jdbcUrl() {
        return proxyUrl(proxy);
    }

    /** @return the JDBC URL of {@code proxy}, TLS with the certificate and host name verified */
    static String proxyUrl(DatabaseProxy proxy) {
        // The proxy's certificate chains to Amazon's root CAs, which the JDK trusts: no bundle to ship.
        return "jdbc:postgresql://" + proxy.getEndpoint() + ":5432/" + NAME
            + "?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";
    }

    /** @return nothing: on RDS the application needs no {@code DB_ENGINE} (it is its default) */
    @Override
    Map<String, String> engineEnvironment() {
        return Map.of();
    }

    DatabaseInstance instance() {
        return instance;
    }

    @Override
    DatabaseProxy proxy() {
        return proxy;
    }
}
