package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The option {@code -c databaseEngine=dsql}: an Aurora DSQL cluster and nothing of RDS or of a VPC; the functions
 * outside any VPC, each allowed to connect to the cluster with its own role's action (DbConnect, or DbConnectAdmin
 * for the migration) and told the cluster's endpoint, their database role and, for the migration, the IAM roles to
 * map the app role to.
 */
class DsqlTest {

    private static Synthesized synth;

    private static synchronized Synthesized dsql() {
        if (synth == null) {
            synth = Synthesized.stack(Map.of("databaseEngine", "dsql"), stack -> { });
        }
        return synth;
    }

    private final Template template = dsql().template;

    @Test
    void createsOneDsqlClusterWithDeletionProtectionThatOutlivesTheStack() {
        template.resourceCountIs("AWS::DSQL::Cluster", 1);
        template.hasResourceProperties("AWS::DSQL::Cluster", Map.of("DeletionProtectionEnabled", true));
        template.hasResource("AWS::DSQL::Cluster", Map.of("DeletionPolicy", "Retain"));
    }

    @Test
    void buildsNoVpcNoRdsNoProxyNoSecretAndNoEndpoint() {
        for (String type : List.of("AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::SecurityGroup",
            "AWS::EC2::VPCEndpoint", "AWS::EC2::FlowLog", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster",
            "AWS::RDS::DBProxy", "AWS::RDS::DBSubnetGroup", "AWS::SecretsManager::Secret",
            "AWS::Lambda::CapacityProvider")) {
            assertThat(Resources.of(template, type)).as(type).isEmpty();
        }
    }

    @Test
    void runsEveryFunctionOutsideAnyVpc() {
        Map<String, Map<String, Object>> functions = ourFunctions();

        assertThat(functions).hasSize(4);
        functions.forEach((id, function) -> {
            assertThat(Resources.<Object>property(function, "VpcConfig")).as(id).isNull();
            assertThat(Resources.<String>property(function, "Runtime")).as(id).isEqualTo("java25");
        });
        // No network interfaces to manage: the VPC access policy is attached to no role.
        Resources.of(template, "AWS::IAM::Role").forEach((id, role) ->
            assertThat(Resources.json(Resources.property(role, "ManagedPolicyArns"))).as(id)
                .doesNotContain("AWSLambdaVPCAccessExecutionRole"));
    }

    @Test
    void givesTheFunctionsTheClustersEndpointTheirDatabaseRoleAndIamTokens() {
        String cluster = Resources.id(template, "AWS::DSQL::Cluster", "DatabaseCluster");
        Map<String, Object> url = Map.of("Fn::Join", List.of("", List.of("jdbc:postgresql://",
            Map.of("Fn::GetAtt", List.of(cluster, "Endpoint")),
            ":5432/postgres?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory")));

        ourFunctions().forEach((id, function) -> {
            Map<String, Object> env = Resources.property(function, "Environment", "Variables");
            assertThat(env).as(id).containsEntry("DB_ENGINE", "dsql").containsEntry("DB_IAM_AUTH", "true")
                .containsEntry("DB_URL", url).doesNotContainKey("DB_PASSWORD");
            // DSQL ends every connection after 60 minutes: the pool retires them well before.
            assertThat(Long.parseLong((String) env.get("DB_MAX_LIFETIME_MS"))).as(id).isLessThan(3_600_000);
        });
        for (String id : FunctionsTest.APP_FUNCTIONS) {
            assertThat(env(id)).as(id).containsEntry("DB_USERNAME", Database.APP_USER)
                .doesNotContainKey("DB_APP_ROLE_ARNS");
        }
        assertThat(env("Migration")).containsEntry("DB_USERNAME", "admin")
            .containsEntry("DB_APP_USER", Database.APP_USER);
    }

    /** The migration maps tasks_app to the roles the app functions run as (AWS IAM GRANT), one ARN each. */
    @Test
    void tellsTheMigrationTheRolesOfTheApiTheConsumerAndTheScheduledJobs() {
        List<Object> roles = FunctionsTest.APP_FUNCTIONS.stream()
            .map(id -> Resources.<Object>property(Resources.named(template, "AWS::Lambda::Function", id), "Role"))
            .toList();

        assertThat(env("Migration").get("DB_APP_ROLE_ARNS"))
            .isEqualTo(Map.of("Fn::Join", List.of("", List.of(roles.get(0), ",", roles.get(1), ",", roles.get(2)))));
    }

    @Test
    void letsTheAppFunctionsConnectAndTheMigrationAloneConnectAsAdminOnTheClusterOnly() {
        String cluster = Resources.id(template, "AWS::DSQL::Cluster", "DatabaseCluster");
        Map<String, Object> arn = Map.of("Fn::GetAtt", List.of(cluster, "ResourceArn"));

        for (String id : FunctionsTest.APP_FUNCTIONS) {
            assertThat(dsqlStatements(id)).as(id)
                .containsExactly(Map.of("Action", "dsql:DbConnect", "Effect", "Allow", "Resource", arn));
        }
        assertThat(dsqlStatements("Migration"))
            .containsExactly(Map.of("Action", "dsql:DbConnectAdmin", "Effect", "Allow", "Resource", arn));
        for (String id : List.of("TasksApi", "QueueConsumer", "ScheduledJobs", "Migration")) {
            assertThat(Resources.json(Resources.named(template, "AWS::IAM::Policy", id + "ServiceRoleDefaultPolicy")))
                .as(id).doesNotContain("rds-db", "secretsmanager", "\"rds:", "dsql:*");
        }
        assertThat(Resources.json(Resources.named(template, "AWS::IAM::Policy", "MigrationServiceRoleDefaultPolicy")))
            .doesNotContain("sqs:", "dsql:DbConnect\"");
    }

    /** The relay and the consumer's delays go through SQS's public endpoint: the grants remain, no endpoint policy. */
    @Test
    void keepsTheQueueGrantsAndUrlsWithoutAnEndpoint() {
        assertThat(env(FunctionSettings.API_ID)).containsKey("OUTBOX_QUEUE_URL");
        assertThat(env(FunctionSettings.SCHEDULED_JOBS_ID)).containsKey("OUTBOX_QUEUE_URL");
        assertThat(env(FunctionSettings.QUEUE_CONSUMER_ID)).containsKeys("CONSUMER_QUEUE_URL", "QUEUE_TRANSIENT_DELAY");
        for (String id : FunctionsTest.APP_FUNCTIONS) {
            assertThat(Resources.json(Resources.named(template, "AWS::IAM::Policy", id + "ServiceRoleDefaultPolicy")))
                .as(id).contains("sqs:SendMessage");
        }
    }

    @Test
    void migratesAfterTheClusterExistsAndBeforeAnyAliasMoves() {
        String cluster = Resources.id(template, "AWS::DSQL::Cluster", "DatabaseCluster");
        String trigger = Resources.id(template, "Custom::Trigger", "MigrationsRun");

        assertThat(dependsOn(Resources.named(template, "Custom::Trigger", "MigrationsRun"))).contains(cluster);
        for (String id : FunctionsTest.APP_FUNCTIONS) {
            assertThat(dependsOn(Resources.named(template, "AWS::Lambda::Alias", id + "Live"))).as(id)
                .contains(trigger);
        }
    }

    @Test
    void watchesEverythingButAProxyThereIsNot() {
        // Errors, throttles and p99 of four functions; two dead-letter queues, the events queue's oldest message and
        // the outbox backlog. No proxy, no proxy alarm.
        assertThat(Resources.of(template, "AWS::CloudWatch::Alarm")).hasSize(4 * 3 + 4);
        assertThat(Resources.json(Resources.of(template, "AWS::CloudWatch::Alarm"))).doesNotContain("AWS/RDS", "Proxy");
    }

    @Test
    void dropsDeletionProtectionOnlyWhenTheDeploymentAsksForIt() {
        Template throwaway = Synthesized.stack(Map.of("databaseEngine", "dsql", "deletionProtection", "false"),
            s -> { }).template;

        throwaway.hasResourceProperties("AWS::DSQL::Cluster", Map.of("DeletionProtectionEnabled", false));
        throwaway.hasResource("AWS::DSQL::Cluster", Map.of("DeletionPolicy", "Delete"));
    }

    /** Managed Instances live in the VPC, which DSQL does not have: refused at synth, saying why and what to do. */
    @Test
    void refusesManagedInstancesAndAStandby() {
        assertThatThrownBy(() -> Synthesized.stack(Map.of("databaseEngine", "dsql", "managedInstances", "true"),
            s -> { })).hasMessageContaining("managedInstances=true cannot be combined with databaseEngine=dsql")
            .hasMessageContaining("Deploy dsql on demand, or Managed Instances with databaseEngine=rds or aurora");
        assertThatThrownBy(() -> Synthesized.stack(Map.of("databaseEngine", "dsql", "multiAz", "true"), s -> { }))
            .hasMessageContaining("multiAz=true applies to RDS only");
    }

    @Test
    void leavesNoUnsuppressedNagFinding() {
        assertThat(NagTest.findings(dsql())).isEmpty();
    }

    private Map<String, Object> env(String id) {
        return Resources.property(Resources.named(template, "AWS::Lambda::Function", id), "Environment", "Variables");
    }

    /** @return the statements of the function's role policy that mention DSQL */
    private List<Map<String, Object>> dsqlStatements(String id) {
        Map<String, Object> policy = Resources.named(template, "AWS::IAM::Policy", id + "ServiceRoleDefaultPolicy");
        List<Map<String, Object>> statements = Resources.property(policy, "PolicyDocument", "Statement");
        return statements.stream().filter(s -> Resources.json(s).contains("dsql")).toList();
    }

    private Map<String, Map<String, Object>> ourFunctions() {
        Map<String, Map<String, Object>> all = Resources.of(template, "AWS::Lambda::Function");
        all.keySet().removeIf(id -> id.startsWith("AWSCDK"));
        return all;
    }

    @SuppressWarnings("unchecked")
    private static List<String> dependsOn(Map<String, Object> resource) {
        return (List<String>) resource.getOrDefault("DependsOn", List.of());
    }
}
