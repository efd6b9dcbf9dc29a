package dev.atomicfunctions.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dsql.CfnCluster;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.GrantOnPrincipalOptions;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The option {@code -c databaseEngine=dsql}: an Aurora DSQL cluster. Nothing of RDS: no VPC, no proxy, no secret.
 * The functions run outside any VPC and reach DSQL (and SQS) over AWS's public endpoints, TLS with the certificate
 * and host name verified, logging in with IAM tokens they sign themselves.
 *
 * <p>Two database roles, as on PostgreSQL: the migration function logs in as {@code admin}, the role every cluster
 * has ({@code dsql:DbConnectAdmin}); it creates {@value Database#APP_USER} and maps it to the IAM roles of the app
 * functions ({@code AWS IAM GRANT tasks_app TO '<role ARN>'}, from {@code DB_APP_ROLE_ARNS}), which log in as
 * {@value Database#APP_USER} with {@code dsql:DbConnect}. In DSQL an IAM role may log in as a database role only once
 * that role was granted to it in SQL.
 */
final class DsqlDatabase extends SqlDatabase {

    /** The database every DSQL cluster has, and the only one. */
    static final String NAME = "postgres";
    /**
     * DSQL admits up to 10,000 connections per cluster (its default quota, raisable) and has no proxy to share them:
     * the budget the Managed Instances option would size its pools from. That option is refused with DSQL
     * ({@link StackSettings}), so this is an upper bound for documentation, not a pool size in use.
     */
    static final int MAX_CONNECTIONS = 10_000;

    private final CfnCluster cluster;

    DsqlDatabase(Construct scope, String id, StackSettings settings) {
        super(scope, id);
        cluster = CfnCluster.Builder.create(this, "Cluster")
            .deletionProtectionEnabled(settings.deletionProtection())
            .build();
        // Protected, a stack deletion leaves the cluster and its data behind (DSQL has no final snapshot to take);
        // deployed with deletionProtection=false, the cluster goes with the stack.
        cluster.applyRemovalPolicy(settings.deletionProtection() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY);
    }

    /**
     * @return the cluster's public endpoint ({@code <identifier>.dsql.<region>.on.aws}), database {@value #NAME}:
     *     DSQL's certificate chains to Amazon's root CAs, which the JDK trusts, as the proxy's does
     */
    @Override
    String jdbcUrl() {
        return "jdbc:postgresql://" + cluster.getAttrEndpoint() + ":5432/" + NAME
            + "?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";
    }

    @Override
    Map<String, String> engineEnvironment() {
        return new TreeMap<>(Map.of("DB_ENGINE", DatabaseEngine.DSQL.value()));
    }

    /**
     * {@code dsql:DbConnectAdmin} on this cluster for the admin role, {@code dsql:DbConnect} for any other: DSQL's two
     * actions, each on the cluster's ARN alone. Which database role a token of {@code DbConnect} opens is decided in
     * SQL ({@link #mapAppRoles}).
     */
    @Override
    void grantConnect(IGrantable grantee, String user) {
        String action = DatabaseEngine.DSQL.adminUser().equals(user) ? "dsql:DbConnectAdmin" : "dsql:DbConnect";
        Grant.addToPrincipal(GrantOnPrincipalOptions.builder()
            .grantee(grantee)
            .actions(List.of(action))
            .resourceArns(List.of(cluster.getAttrResourceArn()))
            .build());
    }

    /** Tells the migration which roles to {@code AWS IAM GRANT} {@value Database#APP_USER} to: DB_APP_ROLE_ARNS. */
    @Override
    void mapAppRoles(AtomicFunction migration, List<AtomicFunction> apps) {
        migration.function().addEnvironment("DB_APP_ROLE_ARNS", apps.stream()
            .map(app -> app.function().getRole().getRoleArn())
            .collect(Collectors.joining(",")));
    }

    /** @return none: DSQL is reached directly */
    @Override
    DatabaseProxy proxy() {
        return null;
    }

    @Override
    int connectionBudget() {
        return MAX_CONNECTIONS;
    }

    CfnCluster cluster() {
        return cluster;
    }
}
