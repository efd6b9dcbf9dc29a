package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Migrations run during the deployment, after the database exists and before the API's alias moves. */
class DeploymentOrderTest {

    private final Template template = Synthesized.stack().template;

    @Test
    void migratesSynchronouslyWithTheNewVersionOfTheMigrationFunction() {
        Map<String, Object> trigger = Resources.named(template, "Custom::Trigger", "MigrationsRun");

        assertThat(Resources.<String>property(trigger, "InvocationType")).isEqualTo("RequestResponse");
        assertThat(Resources.<Boolean>property(trigger, "ExecuteOnHandlerChange")).isTrue();
        assertThat(Resources.json(Resources.property(trigger, "HandlerArn"))).contains("MigrationCurrentVersion");
        // Longer than the function may run: the function's own timeout ends a stuck migration first.
        assertThat(Long.parseLong(Resources.property(trigger, "Timeout")))
            .isGreaterThan(FunctionSettings.migration().timeout().toMilliseconds().longValue());
    }

    @Test
    void runsAfterTheDatabaseAndProxyExist() {
        List<String> dependsOn = dependsOn(Resources.named(template, "Custom::Trigger", "MigrationsRun"));

        assertThat(dependsOn).contains(
            Resources.id(template, "AWS::RDS::DBInstance", "DatabaseInstance"),
            Resources.id(template, "AWS::RDS::DBProxy", "DatabaseProxy"),
            Resources.id(template, "AWS::RDS::DBProxyTargetGroup", "DatabaseProxyProxyTargetGroup"));
    }

    @Test
    void movesTheApiAliasToTheNewVersionOnlyAfterTheMigrationsSucceeded() {
        List<String> dependsOn = dependsOn(Resources.named(template, "AWS::Lambda::Alias", "TasksApiLive"));

        assertThat(dependsOn).contains(Resources.id(template, "Custom::Trigger", "MigrationsRun"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> dependsOn(Map<String, Object> resource) {
        return (List<String>) resource.getOrDefault("DependsOn", List.of());
    }
}
