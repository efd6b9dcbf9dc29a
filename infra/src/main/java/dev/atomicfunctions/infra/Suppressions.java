package dev.atomicfunctions.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.services.lambda.Function;

import java.util.ArrayList;
import java.util.List;

/** Every cdk-nag finding this stack accepts, each with its reason. Anything else fails the build (NagTest). */
final class Suppressions {

    private Suppressions() {
    }

    /** What each function built by {@link Functions} accepts. */
    static void function(Function function, FunctionSettings settings) {
        NagSuppressions.addResourceSuppressions(function, List.of(
            because("AwsSolutions-IAM4", "AWSLambdaBasicExecutionRole and AWSLambdaVPCAccessExecutionRole are the"
                    + " AWS-maintained minimum for a function in a VPC (logs, and its network interfaces, which"
                    + " EC2 cannot scope to a resource)",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"),
            because("AwsSolutions-IAM5", "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level"
                + " permissions (https://docs.aws.amazon.com/xray/latest/devguide/security_iam_service-with-iam.html)",
                "Resource::*"),
            because("Serverless-LambdaDLQ", settings.id() + ": a function DLQ applies to asynchronous invocations"
                + " only. Synchronous callers (API Gateway, the deployment's trigger, an SQS event source mapping,"
                + " whose queue redrives to its own dead-letter queue) see every failure; a function invoked"
                + " asynchronously (by a ScheduledJob) has an on-failure destination queue instead, which supersedes"
                + " a DLQ and keeps the failure's context")),
            true);
    }

    /**
     * A dead-letter queue is where retries end: it has no dead-letter queue of its own.
     *
     * @param ofWhat whose dead letters it holds, for the reason
     */
    static void deadLetterQueue(software.constructs.IConstruct queue, String ofWhat) {
        NagSuppressions.addResourceSuppressions(queue, List.of(
            because("AwsSolutions-SQS3", "this queue is itself a dead-letter queue (" + ofWhat + "), which"
                + " cdk-nag cannot tell from a redrive policy"),
            because("Serverless-SQSRedrivePolicy", "this queue is itself a dead-letter queue: nothing is retried"
                + " from it automatically; its alarm brings a person")));
    }

    /** An SQS event source's failures go to the queue's own dead-letter queue, not to a mapping destination. */
    static void sqsEventSource(software.constructs.IConstruct alias) {
        NagSuppressions.addResourceSuppressions(alias, List.of(
            because("Serverless-LambdaEventSourceMappingDestination", "for SQS, Lambda supports no on-failure"
                + " destination on the mapping; failed messages reach the queue's redrive dead-letter queue")), true);
    }

    /** What the Lambda Managed Instances option's capacity provider accepts. */
    static void capacityProvider(software.constructs.IConstruct provider) {
        NagSuppressions.addResourceSuppressions(provider, List.of(
            because("AwsSolutions-IAM4", "the operator role Lambda assumes to launch, replace and terminate the"
                    + " capacity provider's instances: AWSLambdaManagedEC2ResourceOperator is AWS's own policy for"
                    + " that role, kept current with what the service needs; a customer-managed copy would drift"
                    + " from it and break scaling",
                "Policy::arn:<AWS::Partition>:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator")), true);
    }

    /** What the database accepts. */
    static void database(Database database, StackSettings settings) {
        List<NagPackSuppression> accepted = new ArrayList<>(List.of(
            because("AwsSolutions-RDS11", "the port is no secret to anything that can reach it: the database only"
                + " accepts connections from the proxy's security group, in subnets with no route to the internet"),
            because("AwsSolutions-SMG4", "only RDS Proxy reads the master secret. Rotation needs a rotation function"
                + " in the VPC and a Secrets Manager endpoint (about $14.60 a month in this NAT-less VPC); the"
                + " functions never use a password (IAM tokens), so rotation is left to the operator")));
        if (!settings.multiAz()) {
            accepted.add(because("AwsSolutions-RDS3", "single-AZ by default to halve the database cost; deploy with"
                + " -c multiAz=true for a standby in a second zone"));
        }
        NagSuppressions.addResourceSuppressions(database.instance(), accepted, true);
    }

    /** What the Aurora cluster accepts ({@code -c databaseEngine=aurora}): the master secret's rotation, as on RDS. */
    static void aurora(AuroraDatabase database) {
        NagSuppressions.addResourceSuppressions(database.cluster(), List.of(
            because("AwsSolutions-SMG4", "only RDS Proxy reads the master secret. Rotation needs a rotation function"
                + " in the VPC and a Secrets Manager endpoint (about $14.60 a month in this NAT-less VPC); the"
                + " functions never use a password (IAM tokens), so rotation is left to the operator")), true);
    }

    /** What the REST API option accepts. */
    static void restApi(software.constructs.IConstruct api) {
        NagSuppressions.addResourceSuppressions(api, List.of(
            because("AwsSolutions-APIG3", "a web ACL is the deployer's to choose (it is a reason to pick the REST"
                + " API): associate one with the stage; none is created here, so none is charged by default"),
            because("AwsSolutions-APIG6", "execution logging needs the account-wide API Gateway CloudWatch role,"
                + " which one stack must not own for the whole account; the stage's JSON access log records every"
                + " request, and the function logs every failure with its ids"),
            because("CdkNagValidationFailure", "the access log format is JSON (RestApiGateway.ACCESS_LOG_FORMAT);"
                + " cdk-nag cannot read it through the deployment's intrinsic reference",
                "Serverless-APIGWStructuredLogging")), true);
    }

    private static NagPackSuppression because(String rule, String reason, String... appliesTo) {
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
        if (appliesTo.length > 0) {
            suppression.appliesTo(List.of((Object[]) appliesTo));
        }
        return suppression.build();
    }
}
