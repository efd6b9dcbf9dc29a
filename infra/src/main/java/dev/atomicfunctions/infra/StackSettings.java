package dev.atomicfunctions.infra;

import software.constructs.Construct;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a deployment chooses, read from CDK context ({@code cdk deploy -c jwtIssuer=... -c jwtAudience=...}).
 *
 * @param jwtIssuer          issuer URL of the HTTP API's JWT authorizer (required without a REST API), e.g. a
 *                           Cognito user pool's
 * @param jwtAudience        audience the tokens must carry (required without a REST API): the app client id for
 *                           Cognito
 * @param deletionProtection keep the database from being deleted (default true; {@code false} for throwaway stacks)
 * @param multiAz            a standby database in a second zone (default false: doubles the database cost)
 * @param alarmTopicArn      SNS topic every alarm notifies, or null for alarms without actions
 * @param adminGroups        comma-separated groups ({@code cognito:groups}) whose members administer the catalogue,
 *                           given to the API function as {@code ADMIN_GROUPS}; null keeps the application's default
 *                           ({@code admin})
 * @param adminScopes        comma-separated OAuth scopes that administer the catalogue ({@code ADMIN_SCOPES}); null
 *                           keeps the application's default ({@code products:write})
 * @param warehouseSubject   the JWT subject ({@code sub}) of the warehouse's user, who gets the fulfilment task of
 *                           each placed order: the queue consumer's {@code WAREHOUSE_SUBJECT}; null: {@value
 *                           #DEFAULT_WAREHOUSE_SUBJECT}
 * @param orderExpiry        how long an order may stay PLACED before the scheduled jobs expire it and release its
 *                           stock, as the application reads a duration ({@code 24h}, {@code 90m}, {@code 2d},
 *                           {@code PT36H}): the scheduled function's {@code ORDER_EXPIRY}; null: {@value
 *                           #DEFAULT_ORDER_EXPIRY}
 * @param restApiUserPoolArn a Cognito user pool's ARN: serve the API through a REST API (payload v1) whose Cognito
 *                           authorizer verifies that pool's tokens, instead of the HTTP API. For what only a REST API
 *                           offers (usage plans and API keys, AWS WAF, private endpoints); null: the HTTP API
 * @param managedInstances   run the API function and the queue consumer on Lambda Managed Instances
 *                           ({@link ManagedInstances}); default false: on demand
 * @param managedInstancesMaxVCpu the vCPUs the capacity provider may scale to, between {@value #MIN_MAX_VCPU} and
 *                           {@value #MAX_MAX_VCPU} (Lambda's bounds); {@value #DEFAULT_MAX_VCPU} when null with the
 *                           option on; only with the option on (null otherwise)
 * @param databaseEngine     what the data lives in ({@code -c databaseEngine=rds|aurora|dsql}); {@link
 *                           DatabaseEngine#RDS} when null: the stack as it always was
 * @param auroraMinAcu       the Aurora Serverless v2 instances' minimum capacity in ACUs, 0 to {@value
 *                           AuroraDatabase#MAX_ACU} in steps of 0.5; 0 when null with Aurora (AWS's auto-pause, which
 *                           RDS Proxy keeps from happening: README); only with Aurora (null otherwise)
 * @param jar                the functions' deployment package (the root build's shaded jar)
 */
public record StackSettings(String jwtIssuer, String jwtAudience, boolean deletionProtection, boolean multiAz,
                            String alarmTopicArn, String adminGroups, String adminScopes, String warehouseSubject,
                            String orderExpiry, String restApiUserPoolArn, boolean managedInstances,
                            Integer managedInstancesMaxVCpu, DatabaseEngine databaseEngine, Double auroraMinAcu,
                            Path jar) {

    /** The application's own default ({@code atomic.warehouse.subject}); FunctionsTest keeps them equal. */
    static final String DEFAULT_WAREHOUSE_SUBJECT = "warehouse";
    /** The application's own default ({@code atomic.orders.expiry}); FunctionsTest keeps them equal. */
    static final String DEFAULT_ORDER_EXPIRY = "24h";
    /**
     * Four of the xlarge instances {@link ManagedInstances} allows: room for the three environments Lambda starts per
     * function version of both functions, and for the new versions beside the old ones during a deployment; a modest
     * ceiling on the bill (README, "Lambda Managed Instances").
     */
    static final int DEFAULT_MAX_VCPU = 16;
    /** Lambda's bounds on a capacity provider's MaxVCpuCount. */
    static final int MIN_MAX_VCPU = 12;
    static final int MAX_MAX_VCPU = 15000;

    /** A Cognito user pool's ARN, the only identity a REST API's own authorizer verifies tokens of. */
    private static final Pattern USER_POOL_ARN = Pattern.compile(
        "arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\\d{12}:userpool/[\\w-]+_[0-9a-zA-Z]+");

    /** A duration as Micronaut converts it: a positive number and a unit, or ISO-8601 ({@code PT24H}). */
    private static final Pattern DURATION = Pattern.compile("[1-9][0-9]*(ms|s|m|h|d)");

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
        if (restApiUserPoolArn == null) {
            require(jwtIssuer, "jwtIssuer");
            require(jwtAudience, "jwtAudience");
            if (!jwtIssuer.startsWith("https://")) {
                throw new IllegalArgumentException("context jwtIssuer must be an https URL: " + jwtIssuer);
            }
        } else if (!USER_POOL_ARN.matcher(restApiUserPoolArn).matches()) {
            throw new IllegalArgumentException("context restApiUserPoolArn must be a Cognito user pool's ARN"
                + " (arn:aws:cognito-idp:<region>:<account>:userpool/<pool id>): " + restApiUserPoolArn);
        }
        adminGroups = names(adminGroups, "adminGroups");
        adminScopes = names(adminScopes, "adminScopes");
        warehouseSubject = subject(warehouseSubject == null ? DEFAULT_WAREHOUSE_SUBJECT : warehouseSubject.strip());
        orderExpiry = duration(orderExpiry == null ? DEFAULT_ORDER_EXPIRY : orderExpiry.strip(), "orderExpiry");
        managedInstancesMaxVCpu = maxVCpu(managedInstances, managedInstancesMaxVCpu);
        databaseEngine = databaseEngine == null ? DatabaseEngine.RDS : databaseEngine;
        auroraMinAcu = databaseEngine.auroraMinAcu(auroraMinAcu);
        databaseEngine.refuseWhatItCannotHave(managedInstances, multiAz);
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("the functions' jar is missing (" + jar + "): run ./mvnw package first");
        }
    }

    /** The settings of a deployment on demand: no Lambda Managed Instances (the default), on RDS. */
    public StackSettings(String jwtIssuer, String jwtAudience, boolean deletionProtection, boolean multiAz,
                         String alarmTopicArn, String adminGroups, String adminScopes, String warehouseSubject,
                         String orderExpiry, String restApiUserPoolArn, Path jar) {
        this(jwtIssuer, jwtAudience, deletionProtection, multiAz, alarmTopicArn, adminGroups, adminScopes,
            warehouseSubject, orderExpiry, restApiUserPoolArn, false, null, jar);
    }

    /** The settings of a deployment on RDS (the default engine), on demand or on Lambda Managed Instances. */
    public StackSettings(String jwtIssuer, String jwtAudience, boolean deletionProtection, boolean multiAz,
                         String alarmTopicArn, String adminGroups, String adminScopes, String warehouseSubject,
                         String orderExpiry, String restApiUserPoolArn, boolean managedInstances,
                         Integer managedInstancesMaxVCpu, Path jar) {
        this(jwtIssuer, jwtAudience, deletionProtection, multiAz, alarmTopicArn, adminGroups, adminScopes,
            warehouseSubject, orderExpiry, restApiUserPoolArn, managedInstances, managedInstancesMaxVCpu, null, null,
            jar);
    }

    /** @return whether the API is served through a REST API (payload v1) rather than the HTTP API */
    boolean restApi() {
        return restApiUserPoolArn != null;
    }

    /** @return the settings from the context of {@code scope} and the jar named by the build */
    public static StackSettings from(Construct scope) {
        ContextValues context = new ContextValues(scope);
        return new StackSettings(
            context.string("jwtIssuer", null),
            context.string("jwtAudience", null),
            Boolean.parseBoolean(context.string("deletionProtection", "true")),
            Boolean.parseBoolean(context.string("multiAz", "false")),
            context.string("alarmTopicArn", null),
            context.list("adminGroups"),
            context.list("adminScopes"),
            context.string("warehouseSubject", null),
            context.string("orderExpiry", null),
            context.string("restApiUserPoolArn", null),
            context.flag("managedInstances"),
            context.wholeNumber("managedInstancesMaxVCpu"),
            DatabaseEngine.of(context.string("databaseEngine", DatabaseEngine.RDS.value())),
            context.decimal("auroraMinAcu"),
            Path.of(System.getProperty(JAR_PROPERTY, "../target/atomic-functions-0.1.0-SNAPSHOT.jar")));
    }

    /** @return the capacity provider's vCPU ceiling: the default with the option on, refused without it */
    private static Integer maxVCpu(boolean managedInstances, Integer maxVCpu) {
        if (!managedInstances) {
            if (maxVCpu != null) {
                throw new IllegalArgumentException("context managedInstancesMaxVCpu applies to Lambda Managed"
                    + " Instances only: add -c managedInstances=true, or leave it out");
            }
            return null;
        }
        int vCpus = maxVCpu == null ? DEFAULT_MAX_VCPU : maxVCpu;
        if (vCpus < MIN_MAX_VCPU || vCpus > MAX_MAX_VCPU) {
            throw new IllegalArgumentException("context managedInstancesMaxVCpu must be between " + MIN_MAX_VCPU
                + " and " + MAX_MAX_VCPU + " vCPUs (Lambda's bounds for a capacity provider): " + vCpus);
        }
        return vCpus;
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

    /**
     * @return the subject, if it is one a JWT can carry and the HTTP edge accepts: the warehouse's user must be able
     * to read the tasks made for it. A blank one, one with whitespace or control characters, or a {@code system:}
     * subject (reserved for jobs, refused at the HTTP edge) would deploy tasks nobody can ever see.
     */
    private static String subject(String subject) {
        if (subject.isEmpty() || subject.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
            || subject.startsWith("system:")) {
            throw new IllegalArgumentException("context warehouseSubject must be the warehouse user's JWT subject:"
                + " not blank, no whitespace, not a system: subject: \"" + subject + "\"");
        }
        return subject;
    }

    /** @return the duration, if the application reads it as a positive one (else its function fails every run) */
    private static String duration(String value, String key) {
        boolean valid = DURATION.matcher(value).matches();
        if (!valid && value.startsWith("P")) {
            try {
                valid = Duration.parse(value).compareTo(Duration.ZERO) > 0;
            } catch (DateTimeParseException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException("context " + key + " must be a positive duration such as 24h, 90m,"
                + " 2d or PT36H: " + value);
        }
        return value;
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing context value " + key + ": cdk deploy -c " + key + "=...");
        }
    }
}
