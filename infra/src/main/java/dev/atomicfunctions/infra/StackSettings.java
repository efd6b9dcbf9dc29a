package dev.atomicfunctions.infra;

import software.constructs.Construct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a deployment chooses, read from CDK context ({@code cdk deploy -c jwtIssuer=... -c jwtAudience=...}).
 *
 * @param jwtIssuer          issuer URL of the JWT authorizer (required), e.g. a Cognito user pool's
 * @param jwtAudience        audience the tokens must carry (required): the app client id for Cognito
 * @param deletionProtection keep the database from being deleted (default true; {@code false} for throwaway stacks)
 * @param multiAz            a standby database in a second zone (default false: doubles the database cost)
 * @param alarmTopicArn      SNS topic every alarm notifies, or null for alarms without actions
 * @param adminGroups        comma-separated groups ({@code cognito:groups}) whose members administer the catalogue,
 *                           given to the API function as {@code ADMIN_GROUPS}; null keeps the application's default
 *                           ({@code admin})
 * @param adminScopes        comma-separated OAuth scopes that administer the catalogue ({@code ADMIN_SCOPES}); null
 *                           keeps the application's default ({@code products:write})
 * @param jar                the functions' deployment package (the root build's shaded jar)
 */
public record StackSettings(String jwtIssuer, String jwtAudience, boolean deletionProtection, boolean multiAz,
                            String alarmTopicArn, String adminGroups, String adminScopes, Path jar) {

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
        adminGroups = names(adminGroups, "adminGroups");
        adminScopes = names(adminScopes, "adminScopes");
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
            contextList(scope, "adminGroups"),
            contextList(scope, "adminScopes"),
            Path.of(System.getProperty(JAR_PROPERTY, "../target/atomic-functions-0.1.0-SNAPSHOT.jar")));
    }

    private static String context(Construct scope, String key, String fallback) {
        Object value = scope.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    /** @return a list from context: {@code -c key=a,b} on the command line, or a JSON array in cdk.json */
    private static String contextList(Construct scope, String key) {
        Object value = scope.getNode().tryGetContext(key);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return value == null ? null : value.toString();
    }

    /**
     * @return {@code list} as the application reads it (comma-separated, no blanks around the commas), or null when
     * the deployment gave none. Group names and scopes never hold whitespace (a token's scopes are space-separated),
     * and an empty entry would be a group nobody is in: both are refused rather than deployed silently.
     */
    private static String names(String list, String key) {
        if (list == null) {
            return null;
        }
        List<String> names = Arrays.stream(list.split(",", -1)).map(String::strip).toList();
        for (String name : names) {
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("context " + key + " must be comma-separated names without"
                    + " blanks, e.g. -c " + key + "=admin,ops: " + list);
            }
        }
        return String.join(",", names);
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing context value " + key + ": cdk deploy -c " + key + "=...");
        }
    }
}
