package dev.atomicfunctions.infra;

import software.constructs.Construct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a deployment chooses, read from CDK context ({@code cdk deploy -c jwtIssuer=... -c jwtAudience=...}).
 *
 * @param jwtIssuer          issuer URL of the JWT authorizer (required), e.g. a Cognito user pool's
 * @param jwtAudience        audience the tokens must carry (required): the app client id for Cognito
 * @param deletionProtection keep the database from being deleted (default true; {@code false} for throwaway stacks)
 * @param multiAz            a standby database in a second zone (default false: doubles the database cost)
 * @param alarmTopicArn      SNS topic every alarm notifies, or null for alarms without actions
 * @param jar                the functions' deployment package (the root build's shaded jar)
 */
public record StackSettings(String jwtIssuer, String jwtAudience, boolean deletionProtection, boolean multiAz,
                            String alarmTopicArn, Path jar) {

    /** Feature flags the app runs with, in tests and in {@code cdk synth} alike. */
    public static final Map<String, Object> FEATURE_FLAGS = Map.of(
        // CloudFormation's own validation bundled with aws-cdk-lib: synth fails on a template CloudFormation rejects.
        "@aws-cdk/core:validateAgainstDefaultRules", true,
        // No custom resource to empty the VPC's default security group: nothing uses it, and its Lambda is noise.
        "@aws-cdk/aws-ec2:restrictDefaultSecurityGroup", false,
        "@aws-cdk/aws-iam:minimizePolicies", true,
        "@aws-cdk/aws-lambda:recognizeVersionProps", true,
        "@aws-cdk/aws-rds:databaseProxyUniqueResourceName", true,
        "@aws-cdk/core:enablePartitionLiterals", true);

    /** System property (set by the build) naming the shaded jar. */
    public static final String JAR_PROPERTY = "atomic.jar";

    public StackSettings {
        require(jwtIssuer, "jwtIssuer");
        require(jwtAudience, "jwtAudience");
        if (!jwtIssuer.startsWith("https://")) {
            throw new IllegalArgumentException("context jwtIssuer must be an https URL: " + jwtIssuer);
        }
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("the functions' jar is missing (" + jar + "): run ./mvnw package first");
        }
    }

    /** @return the settings from the context of {@code scope} and the jar named by the build */
    public static StackSettings from(Construct scope) {
        return new StackSettings(
            context(scope, "jwtIssuer", null),
            context(scope, "jwtAudience", null),
            Boolean.parseBoolean(context(scope, "deletionProtection", "true")),
            Boolean.parseBoolean(context(scope, "multiAz", "false")),
            context(scope, "alarmTopicArn", null),
            Path.of(System.getProperty(JAR_PROPERTY, "../target/atomic-functions-0.1.0-SNAPSHOT.jar")));
    }

    private static String context(Construct scope, String key, String fallback) {
        Object value = scope.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing context value " + key + ": cdk deploy -c " + key + "=...");
        }
    }
}
