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
 * message parked in a dead-letter queue, a queue not drained in time, events piling up in the outbox. Every alarm
 * notifies the topic named by context {@code alarmTopicArn}, if one is given.
 */
final class Alarms extends Construct {

    private static final Duration PERIOD = Duration.minutes(5);
    /** Where the scheduled jobs publish the outbox backlog (the application's {@code jobs.EmbeddedMetrics}). */
    static final String OUTBOX_NAMESPACE = "AtomicFunctions";
    static final String OUTBOX_METRIC = "OutboxBacklog";

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

    /**
     * Borrowed database connections above 80% of what the proxy may open: requests are about to queue. Nothing to
     * watch on a database without a proxy (DSQL).
     */
    void watchProxy(SqlDatabase database) {
        if (database.proxy() == null) {
            return;
        }
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

    /** The oldest message of {@code queue} waited longer than {@code maxAge}: its consumer is stuck or behind. */
    void watchOldestMessage(String id, IQueue queue, Duration maxAge) {
        alarm(id + "OldestMessage", queue.metricApproximateAgeOfOldestMessage(
            MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build()),
            maxAge.toSeconds().doubleValue(), id + ": a message has waited longer than " + maxAge.toMinutes().intValue()
                + " minutes (consumer failing, throttled or behind)");
    }

    /**
     * Events written but not relayed, as the scheduled jobs report them after every run (CloudWatch's embedded
     * metric format: {@value #OUTBOX_NAMESPACE}/{@value #OUTBOX_METRIC}, no dimensions): above {@code threshold} for
     * {@code periods} periods in a row, the relay cannot reach the queue or cannot keep up. No report for as long
     * alarms too: the runs stopped, or fail before they report (their errors alarm says which).
     */
    void watchOutboxBacklog(int threshold, int periods) {
        Metric backlog = Metric.Builder.create().namespace(OUTBOX_NAMESPACE).metricName(OUTBOX_METRIC)
            .statistic("Maximum").period(PERIOD).build();
        alarm("OutboxBacklog", backlog, ComparisonOperator.GREATER_THAN_THRESHOLD, threshold, periods,
            TreatMissingData.BREACHING, "Outbox: more than " + threshold + " events waiting to be relayed for "
                + periods * PERIOD.toMinutes().intValue() + " minutes, or no scheduled run reported the backlog");
    }

    private static Metric proxyMetric(String name, Map<String, String> dimensions) {
        return Metric.Builder.create().namespace("AWS/RDS").metricName(name).dimensionsMap(dimensions)
            .statistic("Maximum").period(PERIOD).build();
    }

    private void alarm(String id, IMetric metric, double threshold, String description) {
        alarm(id, metric, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, threshold, 1,
            TreatMissingData.NOT_BREACHING, description);
    }

    private void alarm(String id, IMetric metric, ComparisonOperator comparison, double threshold, int periods,
                       TreatMissingData missingData, String description) {
        Alarm alarm = Alarm.Builder.create(this, id)
            .metric(metric).threshold(threshold).evaluationPeriods(periods)
            .comparisonOperator(comparison)
            .treatMissingData(missingData)
            .alarmDescription(description)
            .build();
        if (action != null) {
            alarm.addAlarmAction(action);
            alarm.addOkAction(action);
        }
    }
}
