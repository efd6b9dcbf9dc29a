package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Alarms on what must wake someone, notifying the configured topic. */
class AlarmsTest {

    @Test
    void watchesErrorsThrottlesAndP99DurationOfEveryFunction() {
        Template template = Synthesized.stack().template;

        for (String function : List.of("TasksApi", "QueueConsumer", "ScheduledJobs", "Migration")) {
            Map<String, Object> errors = Resources.named(template, "AWS::CloudWatch::Alarm", "Alarms" + function + "Errors");
            assertThat(Resources.<String>property(errors, "MetricName")).isEqualTo("Errors");
            assertThat(Resources.json(Resources.property(errors, "Dimensions"))).contains(function);
            Resources.named(template, "AWS::CloudWatch::Alarm", "Alarms" + function + "Throttles");
            Map<String, Object> p99 = Resources.named(template, "AWS::CloudWatch::Alarm", "Alarms" + function + "DurationP99");
            assertThat(Resources.<String>property(p99, "ExtendedStatistic")).isEqualTo("p99");
        }
        Map<String, Object> apiP99 = Resources.named(template, "AWS::CloudWatch::Alarm", "AlarmsTasksApiDurationP99");
        assertThat(Resources.<Number>property(apiP99, "Threshold").doubleValue()).isEqualTo(8000.0);
        Map<String, Object> jobsP99 = Resources.named(template, "AWS::CloudWatch::Alarm", "AlarmsScheduledJobsDurationP99");
        assertThat(Resources.<Number>property(jobsP99, "Threshold").doubleValue()).isEqualTo(48000.0);
    }

    @Test
    void watchesHowManyOfItsDatabaseConnectionsTheProxyHasLent() {
        Template template = Synthesized.stack().template;

        Map<String, Object> saturation = Resources.named(template, "AWS::CloudWatch::Alarm", "AlarmsProxyConnectionSaturation");
        String metrics = Resources.json(Resources.property(saturation, "Metrics"));
        assertThat(metrics).contains("100 * borrowed / maximum", "DatabaseConnectionsCurrentlyBorrowed",
            "MaxDatabaseConnectionsAllowed", "ProxyName");
        assertThat(Resources.<Number>property(saturation, "Threshold").intValue()).isEqualTo(80);
    }

    @Test
    void notifiesTheTopicNamedByTheDeploymentOnAlarmAndRecovery() {
        String topic = "arn:aws:sns:eu-west-1:123456789012:on-call";
        Template template = Synthesized.stack(Map.of("alarmTopicArn", topic), s -> { }).template;

        // Errors, throttles and p99 of four functions; the proxy; two dead-letter queues, the events queue's oldest
        // message and the outbox backlog.
        assertThat(Resources.of(template, "AWS::CloudWatch::Alarm")).hasSize(4 * 3 + 1 + 4);
        Resources.of(template, "AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            assertThat(Resources.<List<Object>>property(alarm, "AlarmActions")).containsExactly(topic);
            assertThat(Resources.<List<Object>>property(alarm, "OKActions")).containsExactly(topic);
        });
    }
}
