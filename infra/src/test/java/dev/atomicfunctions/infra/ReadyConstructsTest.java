package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The constructs later issues switch on (an SQS consumer, a scheduled job), added to the real stack exactly as
 * they will be: one factory call and one construct each. They must come out correct and cdk-nag clean.
 */
class ReadyConstructsTest {

    private static final Synthesized EXTENDED = Synthesized.stack(Map.of(), stack -> {
        AtomicFunction consumer = stack.functions().create(new FunctionSettings("OrdersConsumer",
            "dev.atomicfunctions.migration.MigrationHandler", "stand-in consumer", 1024,
            software.amazon.awscdk.Duration.seconds(30), true, Database.APP_USER, Map.of()));
        new QueueConsumer(stack, "Orders", consumer, stack.alarms());
        AtomicFunction job = stack.functions().create(new FunctionSettings("Purge",
            "dev.atomicfunctions.migration.MigrationHandler", "stand-in job", 512,
            software.amazon.awscdk.Duration.minutes(1), true, Database.APP_USER, Map.of()));
        new ScheduledJob(stack, "PurgeJob", job, ScheduleExpression.rate(software.amazon.awscdk.Duration.hours(1)),
            stack.alarms());
        stack.network().addInterfaceEndpoint("Sqs", InterfaceVpcEndpointAwsService.SQS);
    });

    private final Template template = EXTENDED.template;

    @Test
    void drainsTheQueueThroughTheLiveAliasReportingFailedItemsOnly() {
        Map<String, Object> mapping = Resources.of(template, "AWS::Lambda::EventSourceMapping").values().iterator().next();

        assertThat(Resources.json(Resources.property(mapping, "FunctionName")))
            .contains(Resources.id(template, "AWS::Lambda::Alias", "OrdersConsumerLive"));
        assertThat(Resources.<List<String>>property(mapping, "FunctionResponseTypes")).containsExactly("ReportBatchItemFailures");
        assertThat(Resources.<Number>property(mapping, "BatchSize").intValue()).isEqualTo(QueueConsumer.BATCH_SIZE);
        assertThat(Resources.json(Resources.property(mapping, "EventSourceArn"))).contains("OrdersQueue");
    }

    @Test
    void parksAMessageInTheDeadLetterQueueAfterRepeatedFailuresAndAlarmsOnIt() {
        Map<String, Object> queue = Resources.named(template, "AWS::SQS::Queue", "OrdersQueue");
        String deadLetters = Resources.id(template, "AWS::SQS::Queue", "OrdersDeadLetters");

        assertThat(Resources.<Number>property(queue, "RedrivePolicy", "maxReceiveCount").intValue())
            .isEqualTo(QueueConsumer.MAX_RECEIVES);
        assertThat(Resources.json(Resources.property(queue, "RedrivePolicy", "deadLetterTargetArn"))).contains(deadLetters);
        // Six times the consumer's 30 s timeout: a message is never redelivered while its batch still runs.
        assertThat(Resources.<Number>property(queue, "VisibilityTimeout").intValue()).isEqualTo(180);
        assertThat(Resources.json(Resources.named(template, "AWS::CloudWatch::Alarm", "AlarmsOrdersDeadLetters")))
            .contains(deadLetters, "ApproximateNumberOfMessagesVisible");
    }

    @Test
    void invokesTheScheduledJobsLiveAliasAndKeepsFailedRuns() {
        Map<String, Object> schedule = Resources.named(template, "AWS::Scheduler::Schedule", "PurgeJobSchedule");
        String deadLetters = Resources.id(template, "AWS::SQS::Queue", "PurgeJobDeadLetters");

        assertThat(Resources.<String>property(schedule, "ScheduleExpression")).isEqualTo("rate(1 hour)");
        assertThat(Resources.json(Resources.property(schedule, "Target", "Arn"))).contains("PurgeLive");
        assertThat(Resources.json(Resources.property(schedule, "Target", "DeadLetterConfig"))).contains(deadLetters);
        Map<String, Object> asyncConfig = Resources.of(template, "AWS::Lambda::EventInvokeConfig").values().iterator().next();
        assertThat(Resources.json(Resources.property(asyncConfig, "FunctionName"))).contains("Purge");
        assertThat(Resources.json(Resources.property(asyncConfig, "DestinationConfig", "OnFailure", "Destination")))
            .contains(deadLetters);
    }

    @Test
    void opensAnInterfaceEndpointToTheFunctionsAloneOverHttps() {
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of("VpcEndpointType", "Interface",
            "PrivateDnsEnabled", true));
        String endpointGroup = Resources.id(template, "AWS::EC2::SecurityGroup", "NetworkSqsEndpoint");
        String functions = Resources.id(template, "AWS::EC2::SecurityGroup", "NetworkFunctions");
        Map<String, Object> group = Resources.named(template, "AWS::EC2::SecurityGroup", "NetworkSqsEndpoint");

        assertThat(Resources.<Object>property(group, "SecurityGroupIngress")).as("no CIDR-wide ingress").isNull();
        assertThat(Resources.of(template, "AWS::EC2::SecurityGroupIngress").values().stream()
            .filter(rule -> Resources.json(Resources.property(rule, "GroupId")).contains(endpointGroup))
            .map(Resources::json).toList())
            .singleElement().asString().contains(functions, "\"FromPort\":443");
    }

    @Test
    void addsNoCdkNagFinding() {
        assertThat(NagTest.findings(EXTENDED)).isEmpty();
    }
}
