package dev.atomicfunctions.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

import java.util.Map;

/**
 * What must wake someone: a function failing, throttled or slow, the proxy running out of database connections, a
 * message parked in a dead-letter queue. Every alarm notifies the topic named by context {@code alarmTopicArn}, if
 * one is given.
 */
final class Alarms extends Construct {

    private static final Duration PERIOD = Duration.minutes(5);

    private final SnsAction action;

    Alarms(Construct scope, String id, StackSettings settings) {
        super(scope, id);
        action = settings.alarmTopicArn() == null ? null
            : new SnsAction(Topic.fromTopicArn(this, "Topic", settings.alarmTopicArn()));
    }

    /**
     * Errors, throttles and a p99 duration above 80% of the timeout, over all versions of the function (the
     * deployment invokes the migration function's version directly, not through its alias).
     */
    void watch(AtomicFunction target) {
        String id = target.settings().id();
        MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
        alarm(id + "Errors", target.function().metricErrors(sum), 1,
            id + ": invocations failed (unhandled errors or timeouts)");
        alarm(id + "Throttles", target.function().metricThrottles(sum), 1,
            id + ": invocations throttled (concurrency exhausted)");
        double limitMs = target.settings().timeout().toMilliseconds().doubleValue() * 0.8;
        alarm(id + "DurationP99", target.function().metricDuration(MetricOptions.builder().period(PERIOD).statistic("p99").build()),
            limitMs, id + ": p99 duration above 80% of the timeout");
    }

    /** Borrowed database connections above 80% of what the proxy may open: requests are about to queue. */
    void watchProxy(Database database) {
        Map<String, String> proxy = Map.of("ProxyName", database.proxy().getDbProxyName());
        MathExpression saturation = MathExpression.Builder.create()
            .expression("100 * borrowed / maximum")
            .usingMetrics(Map.<String, IMetric>of(
                "borrowed", proxyMetric("DatabaseConnectionsCurrentlyBorrowed", proxy),
                "maximum", proxyMetric("MaxDatabaseConnectionsAllowed", proxy)))
            .period(PERIOD)
            .label("Proxy connection saturation (%)")
            .build();
        alarm("ProxyConnectionSaturation", saturation, 80, "RDS Proxy: over 80% of its database connections borrowed");
    }

    /** Any message in a dead-letter queue is a change that was not applied. */
    void watchDeadLetters(String id, IQueue deadLetters) {
        alarm(id + "DeadLetters", deadLetters.metricApproximateNumberOfMessagesVisible(
            MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build()), 1,
            id + ": messages in the dead-letter queue");
    }

    private static Metric proxyMetric(String name, Map<String, String> dimensions) {
        return Metric.Builder.create().namespace("AWS/RDS").metricName(name).dimensionsMap(dimensions)
            .statistic("Maximum").period(PERIOD).build();
    }

    private void alarm(String id, IMetric metric, double threshold, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
            .metric(metric).threshold(threshold).evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .alarmDescription(description)
            .build();
        if (action != null) {
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
        }
    }
}
