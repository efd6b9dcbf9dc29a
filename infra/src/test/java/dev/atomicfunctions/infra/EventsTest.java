package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event side as deployed: the FIFO events queue and its dead-letter queue, the consumer's event source mapping,
 * the scheduled jobs' schedule, who may send to the queue and through which endpoint, and what is alarmed.
 */
class EventsTest {

    private static final String CONSUMER = FunctionSettings.QUEUE_CONSUMER_ID;
    private static final String JOBS = FunctionSettings.SCHEDULED_JOBS_ID;

    private final Template template = Synthesized.stack().template;
    private final String queue = Resources.id(template, "AWS::SQS::Queue", "EventsQueue");
    private final String deadLetters = Resources.id(template, "AWS::SQS::Queue", "EventsDeadLetters");

    @Test
    void runsTheConsumerAndTheScheduledJobsFromHandlersOfTheJar() {
        Map<String, Object> consumer = Resources.named(template, "AWS::Lambda::Function", CONSUMER);
        Map<String, Object> jobs = Resources.named(template, "AWS::Lambda::Function", JOBS);

        // FunctionsTest checks that every handler class is in the jar, and runtime, architecture and SnapStart.
        assertThat(Resources.<String>property(consumer, "Handler")).isEqualTo("dev.atomicfunctions.queue.QueueHandler");
        assertThat(Resources.<Number>property(consumer, "Timeout").intValue()).isEqualTo(30);
        assertThat(Resources.<String>property(jobs, "Handler")).isEqualTo("dev.atomicfunctions.jobs.ScheduledHandler");
        assertThat(Resources.<Number>property(jobs, "Timeout").intValue()).isEqualTo(60);
    }

    @Test
    void queuesEventsInAFifoQueueWithTheProducersDeduplicationIdsEncryptedAndTlsOnly() {
        Map<String, Object> events = Resources.named(template, "AWS::SQS::Queue", "EventsQueue");

        assertThat(Resources.<Boolean>property(events, "FifoQueue")).isTrue();
        // The application's publisher recognises a FIFO queue by its URL, which ends with the name.
        assertThat(Resources.<String>property(events, "QueueName")).isEqualTo("AtomicFunctions-Events.fifo");
        assertThat(Resources.<Boolean>property(events, "ContentBasedDeduplication")).isFalse();
        assertThat(Resources.<Number>property(events, "MessageRetentionPeriod").intValue()).isEqualTo(14 * 24 * 3600);
        for (String id : List.of(queue, deadLetters)) {
            Map<String, Object> q = Resources.of(template, "AWS::SQS::Queue").get(id);
            assertThat(Resources.<Boolean>property(q, "SqsManagedSseEnabled")).as(id).isTrue();
            assertThat(Resources.of(template, "AWS::SQS::QueuePolicy").values().stream()
                .filter(p -> Resources.json(Resources.property(p, "Queues")).contains(id))
                .map(Resources::json).toList()).as("%s refuses plain HTTP", id)
                .singleElement().asString().contains("\"Effect\":\"Deny\"", "\"aws:SecureTransport\":\"false\"");
        }
    }

    @Test
    void hidesAMessageSixTimesTheConsumersTimeoutAndParksItInAFifoDeadLetterQueueAfterSixReceives() {
        Map<String, Object> events = Resources.named(template, "AWS::SQS::Queue", "EventsQueue");
        Map<String, Object> parked = Resources.named(template, "AWS::SQS::Queue", "EventsDeadLetters");
        int consumerTimeout = Resources.<Number>property(
            Resources.named(template, "AWS::Lambda::Function", CONSUMER), "Timeout").intValue();

        assertThat(Resources.<Number>property(events, "VisibilityTimeout").intValue()).isEqualTo(6 * consumerTimeout);
        assertThat(Resources.<Number>property(events, "RedrivePolicy", "maxReceiveCount").intValue())
            .isEqualTo(QueueConsumer.MAX_RECEIVES).isEqualTo(6);
        assertThat(Resources.json(Resources.property(events, "RedrivePolicy", "deadLetterTargetArn"))).contains(deadLetters);
        // A FIFO queue's dead-letter queue must be FIFO too.
        assertThat(Resources.<Boolean>property(parked, "FifoQueue")).isTrue();
        assertThat(Resources.<String>property(parked, "QueueName")).endsWith(".fifo");
        assertThat(Resources.<Number>property(parked, "MessageRetentionPeriod").intValue()).isEqualTo(14 * 24 * 3600);
    }

    /**
     * A transient failure waits 30 s, 60 s, 120 s, ... (the consumer's delays, from its environment): a message's
     * receives span well over a 5-minute database outage, while a poison message, not delayed, comes back after each
     * visibility timeout and is parked within 20 minutes.
     */
    @Test
    void spreadsAMessagesReceivesOverAnOutageThreeTimesFiveMinutesAndStillParksAPoisonMessageWithinTwentyMinutes() {
        Map<String, Object> events = Resources.named(template, "AWS::SQS::Queue", "EventsQueue");
        int receives = Resources.<Number>property(events, "RedrivePolicy", "maxReceiveCount").intValue();
        int visibility = Resources.<Number>property(events, "VisibilityTimeout").intValue();
        long firstDelay = Long.parseLong(((String) env(CONSUMER).get("QUEUE_TRANSIENT_DELAY")).replace("s", ""));
        long outage = 0;
        for (int receive = 1; receive < receives; receive++) {
            outage += Math.min(firstDelay << (receive - 1), 12 * 3600);
        }

        assertThat(firstDelay).isEqualTo(30);
        assertThat(outage).as("seconds from a message's first receive to its last")
            .isEqualTo(QueueConsumer.outageCovered().toSeconds()).isGreaterThanOrEqualTo(3 * 5 * 60);
        assertThat((long) receives * visibility).as("seconds until a poison message is parked")
            .isLessThanOrEqualTo(20 * 60);
    }

    @Test
    void drainsTheQueueThroughTheConsumersLiveAliasReportingFailedItemsOnly() {
        Map<String, Map<String, Object>> mappings = Resources.of(template, "AWS::Lambda::EventSourceMapping");
        assertThat(mappings).hasSize(1);
        Map<String, Object> mapping = mappings.values().iterator().next();

        assertThat(Resources.json(Resources.property(mapping, "FunctionName")))
            .contains(Resources.id(template, "AWS::Lambda::Alias", CONSUMER + "Live"), ":" + Functions.ALIAS);
        assertThat(Resources.json(Resources.property(mapping, "EventSourceArn"))).contains(queue);
        assertThat(Resources.<List<String>>property(mapping, "FunctionResponseTypes")).containsExactly("ReportBatchItemFailures");
        assertThat(Resources.<Number>property(mapping, "BatchSize").intValue()).isEqualTo(QueueConsumer.BATCH_SIZE).isEqualTo(10);
        assertThat(Resources.<Number>property(mapping, "ScalingConfig", "MaximumConcurrency").intValue())
            .isEqualTo(QueueConsumer.MAX_CONCURRENCY);
    }

    @Test
    void invokesTheScheduledJobsLiveAliasWithRetriesAndKeepsFailedRuns() {
        Map<String, Object> schedule = Resources.named(template, "AWS::Scheduler::Schedule", "JobsSchedule");
        String jobsDeadLetters = Resources.id(template, "AWS::SQS::Queue", "JobsDeadLetters");

        assertThat(Resources.<String>property(schedule, "ScheduleExpression")).isEqualTo("rate(5 minutes)");
        assertThat(Resources.<String>property(schedule, "State")).isEqualTo("ENABLED");
        assertThat(Resources.<Map<String, Object>>property(schedule, "Target", "Arn"))
            .isEqualTo(Map.of("Ref", Resources.id(template, "AWS::Lambda::Alias", JOBS + "Live")));
        assertThat(Resources.<Number>property(schedule, "Target", "RetryPolicy", "MaximumRetryAttempts").intValue())
            .isEqualTo(ScheduledJob.RETRIES);
        assertThat(Resources.json(Resources.property(schedule, "Target", "DeadLetterConfig"))).contains(jobsDeadLetters);
        // The scheduler's role may invoke the live alias and nothing else.
        String role = Resources.id(template, "AWS::IAM::Role", "SchedulerRoleForTarget");
        assertThat(Resources.json(Resources.property(schedule, "Target", "RoleArn"))).contains(role);
        Map<String, Object> rolePolicy = Resources.named(template, "AWS::IAM::Policy", "SchedulerRoleForTarget");
        assertThat(statements(rolePolicy)).filteredOn(s -> "lambda:InvokeFunction".equals(s.get("Action")))
            .singleElement().extracting(s -> s.get("Resource"))
            .isEqualTo(Map.of("Ref", Resources.id(template, "AWS::Lambda::Alias", JOBS + "Live")));
        // A run that fails is retried by Lambda, then parked in the same queue.
        Map<String, Object> asyncConfig = Resources.named(template, "AWS::Lambda::EventInvokeConfig", JOBS + "Live");
        assertThat(Resources.json(Resources.property(asyncConfig, "DestinationConfig", "OnFailure", "Destination")))
            .contains(jobsDeadLetters);
    }

    @Test
    void givesTheQueueUrlToTheFunctionsThatRelayTheOutboxOnly() {
        Map<String, Object> url = Map.of("Ref", queue);

        assertThat(env(FunctionSettings.API_ID)).containsEntry("OUTBOX_QUEUE_URL", url);
        assertThat(env(JOBS)).containsEntry("OUTBOX_QUEUE_URL", url);
        // The consumer relays what its transactions write right after they commit, as the API does; it also knows
        // its own queue, to delay the redelivery of a message that failed for a transient reason.
        assertThat(env(CONSUMER)).containsEntry("OUTBOX_QUEUE_URL", url).containsEntry("CONSUMER_QUEUE_URL", url);
        for (String id : List.of(FunctionSettings.API_ID, JOBS, "Migration")) {
            assertThat(env(id)).as(id).doesNotContainKey("CONSUMER_QUEUE_URL");
        }
        assertThat(env("Migration")).doesNotContainKey("OUTBOX_QUEUE_URL");
        // Local runs only: deployed, the SDK finds SQS's endpoint for the region (the VPC endpoint's private DNS).
        for (String id : List.of(FunctionSettings.API_ID, CONSUMER, JOBS, "Migration")) {
            assertThat(env(id)).as(id).doesNotContainKey("OUTBOX_SQS_ENDPOINT");
        }
    }

    @Test
    void letsTheApiTheConsumerAndTheScheduledJobsSendToTheQueueAndTheConsumerAloneReceiveFromIt() {
        assertThat(sqsGrants(FunctionSettings.API_ID)).containsExactly(Map.entry("sqs:SendMessage", queue));
        // The jobs' second grant is Lambda's on-failure destination for its own failed runs.
        assertThat(sqsGrants(JOBS)).containsExactlyInAnyOrder(Map.entry("sqs:SendMessage", queue),
            Map.entry("sqs:SendMessage", Resources.id(template, "AWS::SQS::Queue", "JobsDeadLetters")),
            Map.entry("sqs:GetQueueAttributes", Resources.id(template, "AWS::SQS::Queue", "JobsDeadLetters")),
            Map.entry("sqs:GetQueueUrl", Resources.id(template, "AWS::SQS::Queue", "JobsDeadLetters")));
        assertThat(sqsGrants(CONSUMER)).containsExactlyInAnyOrder(Map.entry("sqs:SendMessage", queue),
            Map.entry("sqs:ReceiveMessage", queue),
            Map.entry("sqs:DeleteMessage", queue), Map.entry("sqs:ChangeMessageVisibility", queue),
            Map.entry("sqs:GetQueueAttributes", queue), Map.entry("sqs:GetQueueUrl", queue));
        assertThat(sqsGrants("Migration")).isEmpty();
        // Nowhere an SQS grant on every queue or of every action.
        Resources.of(template, "AWS::IAM::Policy").values().forEach(policy -> statements(policy).stream()
            .filter(s -> Resources.json(s.get("Action")).contains("sqs:"))
            .forEach(s -> {
                assertThat(Resources.json(s.get("Action"))).doesNotContain("sqs:*");
                assertThat(Resources.json(s.get("Resource"))).doesNotContain("\"*\"");
            }));
    }

    @Test
    void reachesSqsThroughAnEndpointOpenToTheFunctionsAloneForTheirCallsOnTheQueueAlone() {
        Map<String, Object> endpoint = Resources.named(template, "AWS::EC2::VPCEndpoint", "NetworkVpcSqs");
        String endpointGroup = Resources.id(template, "AWS::EC2::SecurityGroup", "NetworkSqsEndpoint");
        String functions = Resources.id(template, "AWS::EC2::SecurityGroup", "NetworkFunctions");

        assertThat(Resources.<String>property(endpoint, "ServiceName")).isEqualTo("com.amazonaws.eu-west-1.sqs");
        assertThat(Resources.<String>property(endpoint, "VpcEndpointType")).isEqualTo("Interface");
        assertThat(Resources.<Boolean>property(endpoint, "PrivateDnsEnabled")).isTrue();
        assertThat(Resources.<List<?>>property(endpoint, "SubnetIds")).hasSize(2);
        assertThat(Resources.json(Resources.property(endpoint, "SecurityGroupIds"))).contains(endpointGroup);
        // Its security group lets in HTTPS from the functions' group and nothing else.
        assertThat(Resources.<Object>property(Resources.named(template, "AWS::EC2::SecurityGroup", "NetworkSqsEndpoint"),
            "SecurityGroupIngress")).as("no CIDR-wide ingress").isNull();
        assertThat(Resources.of(template, "AWS::EC2::SecurityGroupIngress").values().stream()
            .filter(rule -> Resources.json(Resources.property(rule, "GroupId")).contains(endpointGroup))
            .map(Resources::json).toList())
            .singleElement().asString().contains(functions, "\"FromPort\":443", "\"ToPort\":443");
        // Its policy: the three publishers' roles may send to the events queue, the consumer's may change a message's
        // visibility on it (delaying a transient failure); nothing else goes through it.
        List<Map<String, Object>> policy = Resources.property(endpoint, "PolicyDocument", "Statement");
        assertThat(policy).hasSize(2).allSatisfy(s -> assertThat(s).containsEntry("Effect", "Allow")
            .containsEntry("Resource", Map.of("Fn::GetAtt", List.of(queue, "Arn"))));
        assertThat(policy).filteredOn(s -> "sqs:SendMessage".equals(s.get("Action"))).singleElement()
            .satisfies(s -> assertThat(Resources.json(s.get("Principal"))).contains(
                Resources.id(template, "AWS::IAM::Role", FunctionSettings.API_ID + "ServiceRole"),
                Resources.id(template, "AWS::IAM::Role", JOBS + "ServiceRole"),
                Resources.id(template, "AWS::IAM::Role", CONSUMER + "ServiceRole"))
                .doesNotContain("Migration", "\"*\""));
        assertThat(policy).filteredOn(s -> "sqs:ChangeMessageVisibility".equals(s.get("Action"))).singleElement()
            .satisfies(s -> assertThat(Resources.json(s.get("Principal")))
                .contains(Resources.id(template, "AWS::IAM::Role", CONSUMER + "ServiceRole"))
                .doesNotContain(FunctionSettings.API_ID, JOBS, "Migration", "\"*\""));
    }

    @Test
    void publishesThroughTheNewCodeOnlyOnceTheEndpointExists() {
        String endpoint = Resources.id(template, "AWS::EC2::VPCEndpoint", "NetworkVpcSqs");

        for (String id : List.of(FunctionSettings.API_ID, JOBS, CONSUMER)) {
            assertThat(dependsOn(Resources.named(template, "AWS::Lambda::Alias", id + "Live"))).as(id).contains(endpoint);
        }
    }

    /**
     * An operator moves the dead letters back (SQS redrive) with a managed policy allowing exactly that: start, list
     * and cancel the move, receive and delete on the dead-letter queue, send to the events queue; attached to no one
     * by the stack. The command's ARNs and the policy's are outputs.
     */
    @Test
    @SuppressWarnings("unchecked")
    void letsAnOperatorMoveTheDeadLettersBackToTheQueueAndDoNothingElse() {
        Map<String, Object> policy = Resources.named(template, "AWS::IAM::ManagedPolicy", "EventsRedriveOperator");
        List<Map<String, Object>> statements = Resources.property(policy, "PolicyDocument", "Statement");
        Map<String, Object> outputs = Resources.outputs(template);

        assertThat(statements).hasSize(2).allSatisfy(s -> assertThat(s).containsEntry("Effect", "Allow"));
        assertThat(statements).filteredOn(s -> Map.of("Fn::GetAtt", List.of(deadLetters, "Arn")).equals(s.get("Resource")))
            .singleElement().satisfies(s -> assertThat((List<Object>) s.get("Action")).containsExactlyInAnyOrder(
                "sqs:StartMessageMoveTask", "sqs:ListMessageMoveTasks", "sqs:CancelMessageMoveTask",
                "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"));
        assertThat(statements).filteredOn(s -> Map.of("Fn::GetAtt", List.of(queue, "Arn")).equals(s.get("Resource")))
            .singleElement().satisfies(s -> assertThat(s.get("Action")).isEqualTo("sqs:SendMessage"));
        assertThat(Resources.<Object>property(policy, "Roles")).isNull();
        assertThat(Resources.<Object>property(policy, "Users")).isNull();
        assertThat(Resources.<Object>property(policy, "Groups")).isNull();
        assertThat(Resources.json(outputs.get("EventsDeadLettersArn"))).contains("[\"" + deadLetters + "\",\"Arn\"]");
        assertThat(Resources.json(outputs.get("EventsQueueArn"))).contains("[\"" + queue + "\",\"Arn\"]");
        assertThat(Resources.json(outputs.get("EventsRedrivePolicyArn"))).contains(
            "{\"Ref\":\"" + Resources.id(template, "AWS::IAM::ManagedPolicy", "EventsRedriveOperator") + "\"}");
    }

    @Test
    void alarmsOnParkedMessagesLateMessagesAndAnOutboxThatIsNotRelayed() {
        Map<String, Object> parked = Resources.named(template, "AWS::CloudWatch::Alarm", "AlarmsEventsDeadLetters");
        assertThat(Resources.json(parked)).contains(deadLetters, "ApproximateNumberOfMessagesVisible");
        assertThat(Resources.<Number>property(parked, "Threshold").intValue()).isEqualTo(1);
        assertThat(Resources.json(Resources.named(template, "AWS::CloudWatch::Alarm", "AlarmsJobsDeadLetters")))
            .contains(Resources.id(template, "AWS::SQS::Queue", "JobsDeadLetters"), "ApproximateNumberOfMessagesVisible");

        Map<String, Object> late = Resources.named(template, "AWS::CloudWatch::Alarm", "AlarmsEventsOldestMessage");
        assertThat(Resources.<String>property(late, "MetricName")).isEqualTo("ApproximateAgeOfOldestMessage");
        assertThat(Resources.json(Resources.property(late, "Dimensions"))).contains(queue).doesNotContain(deadLetters);
        assertThat(Resources.<Number>property(late, "Threshold").intValue()).isEqualTo(300);

        Map<String, Object> backlog = Resources.named(template, "AWS::CloudWatch::Alarm", "AlarmsOutboxBacklog");
        // What the application's jobs.EmbeddedMetrics prints: namespace AtomicFunctions, metric OutboxBacklog, no
        // dimensions.
        assertThat(Resources.<String>property(backlog, "Namespace")).isEqualTo("AtomicFunctions");
        assertThat(Resources.<String>property(backlog, "MetricName")).isEqualTo("OutboxBacklog");
        assertThat(Resources.<Object>property(backlog, "Dimensions")).isNull();
        assertThat(Resources.<String>property(backlog, "ComparisonOperator")).isEqualTo("GreaterThanThreshold");
        assertThat(Resources.<Number>property(backlog, "Threshold").intValue()).isEqualTo(100);
        assertThat(Resources.<Number>property(backlog, "EvaluationPeriods").intValue()).isEqualTo(3);
        assertThat(Resources.<String>property(backlog, "TreatMissingData")).isEqualTo("breaching");
    }

    /** The alarm watches what the deployed jar prints: its metric line's constant text names the same metric. */
    @Test
    void watchesTheBacklogMetricTheScheduledJobsOfTheJarPrint() throws IOException {
        try (ZipFile jar = new ZipFile(Path.of(System.getProperty(StackSettings.JAR_PROPERTY)).toFile())) {
            ZipEntry entry = jar.getEntry("dev/atomicfunctions/jobs/EmbeddedMetrics.class");
            assertThat(entry).as("jobs.EmbeddedMetrics in the jar").isNotNull();
            String constants = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(constants).contains("\"Namespace\":\"" + Alarms.OUTBOX_NAMESPACE + "\"",
                "\"Dimensions\":[[]]", "\"Name\":\"" + Alarms.OUTBOX_METRIC + "\"");
        }
    }

    @Test
    void takesTheWarehouseSubjectAndOrderExpiryFromTheDeployment() {
        Synthesized synth = Synthesized.stack(Map.of("warehouseSubject", "a1b2c3d4-warehouse", "orderExpiry", "36h"),
            s -> { });

        assertThat(Resources.<Map<String, Object>>property(Resources.named(synth.template, "AWS::Lambda::Function",
            CONSUMER), "Environment", "Variables")).containsEntry("WAREHOUSE_SUBJECT", "a1b2c3d4-warehouse");
        assertThat(Resources.<Map<String, Object>>property(Resources.named(synth.template, "AWS::Lambda::Function",
            JOBS), "Environment", "Variables")).containsEntry("ORDER_EXPIRY", "36h");
        assertThat(NagTest.findings(synth)).isEmpty();
    }

    @Test
    void refusesAWarehouseSubjectNobodyCouldSignInAsAndAnOrderExpiryTheApplicationCannotRead() {
        Path jar = Path.of(System.getProperty(StackSettings.JAR_PROPERTY));
        for (String subject : List.of("", " ", "ware house", "system:warehouse", "tab\there")) {
            assertThatThrownBy(() -> new StackSettings(Synthesized.ISSUER, Synthesized.AUDIENCE, true, false, null,
                null, null, subject, null, null, jar)).as("warehouseSubject=\"%s\"", subject)
                .hasMessageContaining("warehouseSubject");
        }
        for (String expiry : List.of("", "24", "0h", "-1h", "24 h", "1 day", "PT0S", "P", "24H")) {
            assertThatThrownBy(() -> new StackSettings(Synthesized.ISSUER, Synthesized.AUDIENCE, true, false, null,
                null, null, null, expiry, null, jar)).as("orderExpiry=\"%s\"", expiry).hasMessageContaining("orderExpiry");
        }
        for (String expiry : List.of("24h", "90m", "2d", "3600s", "PT36H", "P2D")) {
            assertThat(new StackSettings(Synthesized.ISSUER, Synthesized.AUDIENCE, true, false, null,
                null, null, null, expiry, null, jar).orderExpiry()).isEqualTo(expiry);
        }
    }

    @Test
    void addsNoCdkNagFindingWithTheAlarmTopic() {
        Synthesized synth = Synthesized.stack(Map.of("alarmTopicArn", "arn:aws:sns:eu-west-1:123456789012:on-call"),
            s -> { });

        assertThat(NagTest.findings(synth)).isEmpty();
    }

    /** @return each SQS action the function's role is granted, with the logical id of the queue it is granted on */
    private List<Map.Entry<String, String>> sqsGrants(String function) {
        List<Map.Entry<String, String>> grants = new ArrayList<>();
        for (Map<String, Object> s : statements(Resources.named(template, "AWS::IAM::Policy",
            function + "ServiceRoleDefaultPolicy"))) {
            Object actions = s.get("Action");
            List<?> list = actions instanceof List<?> l ? l : List.of(actions);
            String resource = Resources.json(s.get("Resource")).replaceAll(".*\"Fn::GetAtt\":\\[\"([^\"]+)\".*", "$1");
            list.stream().map(String::valueOf).filter(a -> a.startsWith("sqs:"))
                .forEach(a -> grants.add(Map.entry(a, resource)));
        }
        return grants;
    }

    private static List<Map<String, Object>> statements(Map<String, Object> policy) {
        return Resources.property(policy, "PolicyDocument", "Statement");
    }

    private Map<String, Object> env(String function) {
        return Resources.property(Resources.named(template, "AWS::Lambda::Function", function), "Environment", "Variables");
    }

    @SuppressWarnings("unchecked")
    private static List<String> dependsOn(Map<String, Object> resource) {
        return (List<String>) resource.getOrDefault("DependsOn", List.of());
    }
}
