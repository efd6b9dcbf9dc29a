package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations run during the deployment, after the database exists and before any alias the API, the queue or the
 * schedule invokes moves.
 */
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

    @Test
    void movesEveryAliasAQueueOrScheduleInvokesOnlyAfterTheMigrationsSucceeded() {
        String trigger = Resources.id(template, "Custom::Trigger", "MigrationsRun");

        Map<String, Map<String, Object>> aliases = Resources.of(template, "AWS::Lambda::Alias");
        aliases.keySet().removeIf(id -> id.startsWith("MigrationLive"));
        assertThat(aliases).hasSize(FunctionsTest.APP_FUNCTIONS.size());
        aliases.forEach((id, alias) -> assertThat(dependsOn(alias)).as(id).contains(trigger));
        // What invokes them references the alias, so it is created (and starts invoking) after it; the mapping also
        // waits for the trigger itself.
        Map<String, Object> mapping = Resources.of(template, "AWS::Lambda::EventSourceMapping").values().iterator().next();
        assertThat(dependsOn(mapping)).contains(trigger);
        assertThat(Resources.json(Resources.property(mapping, "FunctionName")))
            .contains(Resources.id(template, "AWS::Lambda::Alias", "QueueConsumerLive"));
        assertThat(Resources.json(Resources.property(Resources.named(template, "AWS::Scheduler::Schedule", "JobsSchedule"),
            "Target", "Arn"))).contains(Resources.id(template, "AWS::Lambda::Alias", "ScheduledJobsLive"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> dependsOn(Map<String, Object> resource) {
        return (List<String>) resource.getOrDefault("DependsOn", List.of());
    }
}
