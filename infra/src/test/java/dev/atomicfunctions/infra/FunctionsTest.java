package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The functions as deployed: runtime, architecture, SnapStart behind an alias, handlers that exist, settings. */
class FunctionsTest {

    /** The functions that log in as the app user and are invoked through their live alias. */
    static final List<String> APP_FUNCTIONS = List.of(FunctionSettings.API_ID, FunctionSettings.QUEUE_CONSUMER_ID,
        FunctionSettings.SCHEDULED_JOBS_ID);

    private final Template template = Synthesized.stack().template;

    @Test
    void runsEveryFunctionOfTheJarOnJava25Arm64WithTracingInTheIsolatedSubnets() {
        Map<String, Map<String, Object>> functions = ourFunctions();

        assertThat(functions).hasSize(APP_FUNCTIONS.size() + 1);
        functions.values().forEach(f -> {
            assertThat(Resources.<String>property(f, "Runtime")).isEqualTo("java25");
            assertThat(Resources.<List<String>>property(f, "Architectures")).containsExactly("arm64");
            assertThat(Resources.<String>property(f, "TracingConfig", "Mode")).isEqualTo("Active");
            assertThat(Resources.<List<?>>property(f, "VpcConfig", "SubnetIds")).hasSize(2);
            assertThat(Resources.<Map<String, Object>>property(f, "LoggingConfig", "LogGroup")).containsKey("Ref");
        });
    }

    @Test
    void namesOnlyHandlerClassesThatExistInTheDeployedJar() throws IOException {
        try (ZipFile jar = new ZipFile(Path.of(System.getProperty(StackSettings.JAR_PROPERTY)).toFile())) {
            for (Map<String, Object> function : ourFunctions().values()) {
                String handler = Resources.property(function, "Handler");
                String entry = handler.split("::")[0].replace('.', '/') + ".class";
                assertThat(jar.getEntry(entry)).as("%s in the jar", entry).isNotNull();
            }
        }
    }

    @Test
    void restoresTheApiFromSnapStartSnapshotsAndRoutesThroughItsLiveAlias() {
        Map<String, Object> api = Resources.named(template, "AWS::Lambda::Function", FunctionSettings.API_ID);
        assertThat(Resources.<String>property(api, "SnapStart", "ApplyOn")).isEqualTo("PublishedVersions");

        Map<String, Object> alias = Resources.named(template, "AWS::Lambda::Alias", "TasksApiLive");
        assertThat(Resources.<String>property(alias, "Name")).isEqualTo("live");
        assertThat(Resources.<Map<String, Object>>property(alias, "FunctionVersion").toString())
            .contains("TasksApiCurrentVersion");
        template.hasResourceProperties("AWS::ApiGatewayV2::Integration", Map.of(
            "IntegrationType", "AWS_PROXY", "PayloadFormatVersion", "2.0",
            "IntegrationUri", Map.of("Ref", Resources.id(template, "AWS::Lambda::Alias", "TasksApiLive"))));
    }

    @Test
    void restoresEveryFunctionCalledThroughAnAliasFromSnapStartSnapshots() {
        for (String id : APP_FUNCTIONS) {
            Map<String, Object> function = Resources.named(template, "AWS::Lambda::Function", id);
            assertThat(Resources.<String>property(function, "SnapStart", "ApplyOn")).as(id).isEqualTo("PublishedVersions");
            assertThat(Resources.<Number>property(function, "MemorySize").intValue()).as(id).isEqualTo(1024);
            Map<String, Object> alias = Resources.named(template, "AWS::Lambda::Alias", id + "Live");
            assertThat(Resources.<String>property(alias, "Name")).isEqualTo(Functions.ALIAS);
            assertThat(Resources.json(Resources.property(alias, "FunctionVersion"))).contains(id + "CurrentVersion");
        }
    }

    @Test
    void takesNoSnapshotOfTheMigrationFunctionWhichRunsOncePerDeployment() {
        Map<String, Object> migration = Resources.named(template, "AWS::Lambda::Function", "Migration");

        assertThat(Resources.<Object>property(migration, "SnapStart")).isNull();
        assertThat(Resources.<Number>property(migration, "Timeout").intValue()).isEqualTo(300);
    }

    @Test
    void givesTheApiATimeoutAboveItsQueryTimeoutAndBelowApiGateways() {
        Map<String, Object> api = Resources.named(template, "AWS::Lambda::Function", FunctionSettings.API_ID);
        Map<String, Object> env = Resources.property(api, "Environment", "Variables");

        int timeoutSeconds = Resources.<Number>property(api, "Timeout").intValue();
        assertThat(timeoutSeconds).isLessThan(30).isGreaterThan(Integer.parseInt((String) env.get("DB_SOCKET_TIMEOUT_S")));
    }

    @Test
    void connectsThroughTheProxyWithIamTokensOverVerifiedTlsAndNoPassword() {
        for (Map<String, Object> function : ourFunctions().values()) {
            Map<String, Object> env = Resources.property(function, "Environment", "Variables");
            assertThat(env).containsEntry("DB_IAM_AUTH", "true").doesNotContainKey("DB_PASSWORD");
            assertThat(env.get("DB_URL").toString())
                .contains("DatabaseProxy").contains("sslmode=verify-full").contains("DefaultJavaSSLFactory");
        }
        for (String id : APP_FUNCTIONS) {
            assertThat(env(id)).as(id).containsEntry("DB_USERNAME", Database.APP_USER);
        }
        assertThat(env("Migration")).containsEntry("DB_USERNAME", Database.MASTER_USER)
            .containsEntry("DB_APP_USER", Database.APP_USER);
    }

    @Test
    void letsEachFunctionConnectAsItsOwnDatabaseUserOnly() {
        for (String id : APP_FUNCTIONS) {
            assertThat(connectGrants(id)).as(id).singleElement().asString().endsWith("/" + Database.APP_USER + "\"]]}");
        }
        assertThat(connectGrants("Migration")).singleElement().asString().endsWith("/" + Database.MASTER_USER + "\"]]}");
        for (String function : List.of("TasksApi", "QueueConsumer", "ScheduledJobs", "Migration")) {
            assertThat(Resources.json(Resources.named(template, "AWS::IAM::Policy", function + "ServiceRoleDefaultPolicy")))
                .doesNotContain("secretsmanager", "rds-db:*", "\"rds:");
        }
    }

    @Test
    void leavesWhoAdministersTheCatalogueToTheApplicationsDefaultsUnlessTheDeploymentSays() {
        assertThat(env(FunctionSettings.API_ID)).doesNotContainKeys("ADMIN_GROUPS", "ADMIN_SCOPES");

        // A list in cdk.json and a string on the command line (-c adminScopes=...), blanks around commas dropped.
        Synthesized synth = Synthesized.stack(Map.of("adminGroups", List.of("catalogue-admins", "ops"),
            "adminScopes", " products:write , https://api.example.com/catalogue.admin"), s -> { });
        Template configured = synth.template;

        Map<String, Object> api = Resources.property(
            Resources.named(configured, "AWS::Lambda::Function", FunctionSettings.API_ID), "Environment", "Variables");
        assertThat(api).containsEntry("ADMIN_GROUPS", "catalogue-admins,ops")
            .containsEntry("ADMIN_SCOPES", "products:write,https://api.example.com/catalogue.admin");
        Map<String, Object> migration = Resources.property(
            Resources.named(configured, "AWS::Lambda::Function", "Migration"), "Environment", "Variables");
        assertThat(migration).doesNotContainKeys("ADMIN_GROUPS", "ADMIN_SCOPES");
        assertThat(NagTest.findings(synth)).isEmpty();
    }

    @Test
    void refusesAnAdministratorListWithAnEmptyOrBlankName() {
        Path jar = Path.of(System.getProperty(StackSettings.JAR_PROPERTY));
        for (String list : List.of("", "admin,", "admin,,ops", "catalogue admins")) {
            assertThatThrownBy(() -> new StackSettings(Synthesized.ISSUER, Synthesized.AUDIENCE, true, false, null,
                list, null, null, null, null, jar)).as("adminGroups=\"%s\"", list).hasMessageContaining("adminGroups");
            assertThatThrownBy(() -> new StackSettings(Synthesized.ISSUER, Synthesized.AUDIENCE, true, false, null,
                null, list, null, null, null, jar)).as("adminScopes=\"%s\"", list).hasMessageContaining("adminScopes");
        }
    }

    /**
     * The migration function sets the database's session limits (idle in transaction, lock, statement) from its
     * environment, falling back to the jar's defaults; they must sit inside what the API function is given: a
     * statement is cancelled by the server before the driver's socket timeout, which ends before the function's.
     */
    @Test
    void keepsTheDatabaseSessionLimitsTheMigrationSetsInsideEveryFunctionsTimeouts() throws IOException {
        Map<String, Object> migration = env("Migration");
        String properties = jarEntry("application.properties");
        long statementMs = millis(setting(properties, migration, "DB_STATEMENT_TIMEOUT"));
        long lockMs = millis(setting(properties, migration, "DB_LOCK_TIMEOUT"));
        long idleMs = millis(setting(properties, migration, "DB_IDLE_IN_TRANSACTION_TIMEOUT"));
        assertThat(lockMs).isPositive().isLessThan(statementMs);

        for (String id : APP_FUNCTIONS) {
            Map<String, Object> function = env(id);
            long socketMs = millis(setting(properties, function, "DB_SOCKET_TIMEOUT_S") + "s");
            long functionMs = Resources.<Number>property(
                Resources.named(template, "AWS::Lambda::Function", id), "Timeout").longValue() * 1000;

            assertThat(statementMs).as(id).isLessThan(socketMs);
            assertThat(socketMs).as(id).isLessThan(functionMs);
            assertThat(idleMs).as(id).isPositive().isLessThan(functionMs);
            // Set once, by the migration: a function's own settings would change nothing on the server.
            assertThat(function).as(id)
                .doesNotContainKeys("DB_STATEMENT_TIMEOUT", "DB_LOCK_TIMEOUT", "DB_IDLE_IN_TRANSACTION_TIMEOUT");
        }
        // A scheduled run stops starting work this long before its deadline: a query started just before then
        // ends (or is abandoned by the driver) before Lambda kills the run.
        Map<String, Object> jobs = env(FunctionSettings.SCHEDULED_JOBS_ID);
        assertThat(millis(setting(properties, jobs, "DB_SOCKET_TIMEOUT_S") + "s"))
            .isLessThan(millis(setting(properties, jobs, "JOBS_DEADLINE_MARGIN")));
    }

    /**
     * The stack's defaults for what the deployment may choose are the application's own: a deployment that chooses
     * nothing runs as the jar would on its own, and the value shows in the function's configuration.
     */
    @Test
    void defaultsTheWarehouseSubjectAndOrderExpiryToTheApplicationsOwnDefaults() throws IOException {
        String properties = jarEntry("application.properties");

        assertThat(setting(properties, Map.of(), "WAREHOUSE_SUBJECT")).isEqualTo(StackSettings.DEFAULT_WAREHOUSE_SUBJECT);
        assertThat(setting(properties, Map.of(), "ORDER_EXPIRY")).isEqualTo(StackSettings.DEFAULT_ORDER_EXPIRY);
        assertThat(env(FunctionSettings.QUEUE_CONSUMER_ID))
            .containsEntry("WAREHOUSE_SUBJECT", StackSettings.DEFAULT_WAREHOUSE_SUBJECT);
        assertThat(env(FunctionSettings.SCHEDULED_JOBS_ID))
            .containsEntry("ORDER_EXPIRY", StackSettings.DEFAULT_ORDER_EXPIRY);
    }

    /** @return the function's value of {@code variable}, else the jar's default for it ({@code ${VARIABLE:default}}) */
    private static String setting(String properties, Map<String, Object> environment, String variable) {
        if (environment.containsKey(variable)) {
            return (String) environment.get(variable);
        }
        Matcher matcher = Pattern.compile("\\$\\{" + variable + ":([^}]+)}").matcher(properties);
        assertThat(matcher.find()).as("%s has a default in application.properties", variable).isTrue();
        return matcher.group(1);
    }

    /** @return a PostgreSQL duration such as {@code 7s} or {@code 500ms} in milliseconds */
    private static long millis(String duration) {
        Matcher matcher = Pattern.compile("(\\d+)\\s*(ms|s|min|h)").matcher(duration.strip());
        assertThat(matcher.matches()).as("duration %s", duration).isTrue();
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> value;
            case "s" -> value * 1000;
            case "min" -> value * 60_000;
            default -> value * 3_600_000;
        };
    }

    private static String jarEntry(String name) throws IOException {
        try (ZipFile jar = new ZipFile(Path.of(System.getProperty(StackSettings.JAR_PROPERTY)).toFile())) {
            return new String(jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** @return the rds-db:connect resources in the function's role policy */
    private List<Object> connectGrants(String function) {
        Map<String, Object> policy = Resources.named(template, "AWS::IAM::Policy", function + "ServiceRoleDefaultPolicy");
        List<Map<String, Object>> statements = Resources.property(policy, "PolicyDocument", "Statement");
        return statements.stream().filter(s -> "rds-db:connect".equals(s.get("Action")))
            .map(s -> (Object) Resources.json(s.get("Resource")))
            .toList();
    }

    private Map<String, Object> env(String function) {
        return Resources.property(Resources.named(template, "AWS::Lambda::Function", function), "Environment", "Variables");
    }

    private Map<String, Map<String, Object>> ourFunctions() {
        Map<String, Map<String, Object>> all = Resources.of(template, "AWS::Lambda::Function");
        all.keySet().removeIf(id -> id.startsWith("AWSCDK"));
        return all;
    }
}
