package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Database, proxy and network: private, encrypted, TLS and IAM only, reachable from the functions alone. */
class DatabaseTest {

    private final Template template = Synthesized.stack().template;

    @Test
    void keepsThePostgresInstancePrivateEncryptedProtectedAndTlsOnly() {
        template.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
            "Engine", "postgres", "PubliclyAccessible", false, "StorageEncrypted", true,
            "DeletionProtection", true, "EnableIAMDatabaseAuthentication", true, "MultiAZ", false,
            "DBInstanceClass", "db.t4g.micro"));
        template.hasResourceProperties("AWS::RDS::DBParameterGroup",
            Map.of("Parameters", Map.of("rds.force_ssl", "1")));
        template.hasResource("AWS::RDS::DBInstance", Map.of("DeletionPolicy", "Snapshot"));
    }

    @Test
    void dropsDeletionProtectionOnlyWhenTheDeploymentAsksForIt() {
        Template throwaway = Synthesized.stack(Map.of("deletionProtection", "false", "multiAz", "true"), s -> { }).template;

        throwaway.hasResourceProperties("AWS::RDS::DBInstance", Map.of("DeletionProtection", false, "MultiAZ", true));
        throwaway.hasResource("AWS::RDS::DBInstance", Map.of("DeletionPolicy", "Delete"));
    }

    @Test
    void generatesTheMasterPasswordIntoSecretsManager() {
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of("GenerateSecretString",
            Map.of("SecretStringTemplate", "{\"username\":\"" + Database.MASTER_USER + "\"}")));
        Map<String, Object> instance = Resources.of(template, "AWS::RDS::DBInstance").values().iterator().next();
        assertThat(Resources.json(Resources.property(instance, "MasterUserPassword"))).contains("resolve:secretsmanager");
    }

    @Test
    void requiresTlsAndIamAtTheProxyAndLogsTheAppUserInWithIamEndToEnd() {
        template.hasResourceProperties("AWS::RDS::DBProxy", Map.of(
            "RequireTLS", true, "DefaultAuthScheme", "IAM_AUTH", "EngineFamily", "POSTGRESQL",
            "Auth", List.of(Map.of("AuthScheme", "SECRETS", "IAMAuth", "REQUIRED",
                "SecretArn", Map.of("Ref", Resources.id(template, "AWS::SecretsManager::SecretTargetAttachment", "DatabaseInstance"))))));
        Map<String, Object> proxyPolicy = Resources.named(template, "AWS::IAM::Policy", "DatabaseProxyRoleDefaultPolicy");
        assertThat(Resources.json(proxyPolicy)).contains("rds-db:connect", "dbuser:", "DbiResourceId", "/" + Database.APP_USER);
    }

    /** The connection budget (ManagedInstancesTest) reads the proxy's share from the constant deployed here. */
    @Test
    void letsTheProxyOpenNineTenthsOfTheDatabasesConnections() {
        template.hasResourceProperties("AWS::RDS::DBProxyTargetGroup", Map.of("ConnectionPoolConfigurationInfo",
            Map.of("MaxConnectionsPercent", Database.PROXY_MAX_CONNECTIONS_PERCENT)));
        assertThat(Database.proxyConnections()).isEqualTo(72);
    }

    @Test
    void buildsANetworkWithNoRouteToTheInternet() {
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::InternetGateway", 0);
        // The one AWS API the functions call, SQS, is reached privately (EventsTest).
        template.resourceCountIs("AWS::EC2::VPCEndpoint", 1);
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Interface",
            "ServiceName", "com.amazonaws.eu-west-1.sqs"));
        template.resourceCountIs("AWS::EC2::Subnet", 2);
        Resources.of(template, "AWS::EC2::Subnet").values()
            .forEach(s -> assertThat(Resources.<Boolean>property(s, "MapPublicIpOnLaunch")).isFalse());
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "REJECT"));
    }

    @Test
    void letsOnlyTheFunctionsReachTheProxyAndOnlyTheProxyReachTheDatabase() {
        String functions = Resources.id(template, "AWS::EC2::SecurityGroup", "NetworkFunctions");
        String proxy = Resources.id(template, "AWS::EC2::SecurityGroup", "DatabaseProxyGroup");
        String database = Resources.id(template, "AWS::EC2::SecurityGroup", "DatabaseInstanceGroup");

        assertThat(ingress(proxy)).containsExactly(functions);
        assertThat(ingress(database)).containsExactly(proxy);
        Resources.of(template, "AWS::EC2::SecurityGroup").values().forEach(group ->
            assertThat(Resources.json(group)).doesNotContain("0.0.0.0/0"));
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
            "GroupId", Map.of("Fn::GetAtt", List.of(functions, "GroupId")),
            "DestinationSecurityGroupId", Map.of("Fn::GetAtt", List.of(proxy, "GroupId")),
            "FromPort", 5432, "ToPort", 5432));
    }

    /**
     * The default engine is the stack as it was before there was a choice: every resource type counted (what the
     * option added elsewhere shows here as a count that moved), no DB_ENGINE (the application's default is RDS), and
     * naming the engine changes nothing.
     */
    @Test
    void keepsTheDefaultStackOnRdsExactlyAsBeforeTheEngineOption() {
        Map<String, Integer> expected = new TreeMap<>(Map.ofEntries(
            Map.entry("AWS::ApiGatewayV2::Api", 1), Map.entry("AWS::ApiGatewayV2::Authorizer", 1),
            Map.entry("AWS::ApiGatewayV2::Integration", 1), Map.entry("AWS::ApiGatewayV2::Route", 19),
            Map.entry("AWS::ApiGatewayV2::Stage", 1), Map.entry("AWS::CloudWatch::Alarm", 17),
            Map.entry("AWS::EC2::FlowLog", 1), Map.entry("AWS::EC2::RouteTable", 2),
            Map.entry("AWS::EC2::SecurityGroup", 4), Map.entry("AWS::EC2::SecurityGroupEgress", 3),
            Map.entry("AWS::EC2::SecurityGroupIngress", 3), Map.entry("AWS::EC2::Subnet", 2),
            Map.entry("AWS::EC2::SubnetRouteTableAssociation", 2), Map.entry("AWS::EC2::VPC", 1),
            Map.entry("AWS::EC2::VPCEndpoint", 1), Map.entry("AWS::IAM::ManagedPolicy", 1),
            Map.entry("AWS::IAM::Policy", 7), Map.entry("AWS::IAM::Role", 8), Map.entry("AWS::Lambda::Alias", 4),
            Map.entry("AWS::Lambda::EventInvokeConfig", 1), Map.entry("AWS::Lambda::EventSourceMapping", 1),
            Map.entry("AWS::Lambda::Function", 5), Map.entry("AWS::Lambda::Permission", 19),
            Map.entry("AWS::Lambda::Version", 4), Map.entry("AWS::Logs::LogGroup", 7),
            Map.entry("AWS::RDS::DBInstance", 1), Map.entry("AWS::RDS::DBParameterGroup", 1),
            Map.entry("AWS::RDS::DBProxy", 1), Map.entry("AWS::RDS::DBProxyTargetGroup", 1),
            Map.entry("AWS::RDS::DBSubnetGroup", 1), Map.entry("AWS::SQS::Queue", 3),
            Map.entry("AWS::SQS::QueuePolicy", 3), Map.entry("AWS::Scheduler::Schedule", 1),
            Map.entry("AWS::SecretsManager::Secret", 1), Map.entry("AWS::SecretsManager::SecretTargetAttachment", 1),
            Map.entry("Custom::Trigger", 1)));
        Map<String, Integer> counts = new TreeMap<>();
        ((Map<?, ?>) template.toJSON().get("Resources")).values()
            .forEach(resource -> counts.merge((String) ((Map<?, ?>) resource).get("Type"), 1, Integer::sum));

        assertThat(counts).isEqualTo(expected);
        Resources.of(template, "AWS::Lambda::Function").forEach((id, function) -> assertThat(Resources.json(
            Resources.property(function, "Environment"))).as(id).doesNotContain("DB_ENGINE", "DB_APP_ROLE_ARNS"));
        assertThat(Synthesized.stack(Map.of("databaseEngine", "rds"), s -> { }).template.toJSON())
            .isEqualTo(template.toJSON());
    }

    @Test
    void refusesAnEngineItDoesNotKnow() {
        for (String engine : List.of("postgres", "aurora-postgresql", "")) {
            assertThatThrownBy(() -> Synthesized.stack(Map.of("databaseEngine", engine), s -> { })).as(engine)
                .hasMessageContaining("databaseEngine must be one of rds, aurora, dsql");
        }
        assertThat(DatabaseEngine.of(" Aurora ")).isEqualTo(DatabaseEngine.AURORA);
    }

    /** @return the logical ids of the security groups allowed into {@code group} */
    private List<String> ingress(String group) {
        return Resources.of(template, "AWS::EC2::SecurityGroupIngress").values().stream()
            .filter(rule -> Resources.json(Resources.property(rule, "GroupId")).contains(group))
            .map(rule -> Resources.json(Resources.property(rule, "SourceSecurityGroupId")))
            .map(source -> source.replaceAll(".*\\[\"([^\"]+)\".*", "$1"))
            .toList();
    }
}
