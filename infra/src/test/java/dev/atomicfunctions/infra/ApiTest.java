package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP API: every operation of the application as an explicit route, all behind the JWT authorizer, all to the
 * one API function's live alias; throttled, access-logged.
 */
class ApiTest {

    /** Every operation the application serves, as API Gateway route keys. */
    static final List<String> OPERATIONS = List.of(
        "GET /tasks", "POST /tasks",
        "GET /tasks/{id}", "PATCH /tasks/{id}", "DELETE /tasks/{id}",
        "POST /tasks/batch",
        "GET /products", "POST /products",
        "GET /products/{id}", "PATCH /products/{id}",
        "GET /products/{id}/stock-movements", "POST /products/{id}/stock-movements",
        "GET /products/{id}/stock-movements/{movementId}",
        "GET /orders", "POST /orders",
        "GET /orders/{id}", "PATCH /orders/{id}", "DELETE /orders/{id}",
        "POST /orders/{id}/cancel");

    private final Template template = Synthesized.stack().template;

    @Test
    void routesEveryOperationOfTheApplicationAndNothingElse() {
        assertThat(routeKeys()).containsExactlyInAnyOrderElementsOf(OPERATIONS);
    }

    @Test
    void routesEveryOperationTheDeployedJarDocuments() throws IOException {
        List<String> documented = documentedOperations();

        // The document was found and read.
        assertThat(documented).contains("POST /tasks", "POST /orders/{id}/cancel");
        assertThat(routeKeys()).as("every operation in the jar's OpenAPI document has a route")
            .containsAll(documented);
    }

    @Test
    void hasNoCatchAllRouteAndNoDefaultRoute() {
        routes().values().forEach(route -> {
            String key = Resources.property(route, "RouteKey");
            assertThat(key).doesNotStartWith("ANY ").doesNotContain("+}").isNotEqualTo("$default");
        });
    }

    @Test
    void requiresAJwtFromTheConfiguredIssuerAndAudienceOnEveryRoute() {
        String authorizer = Resources.id(template, "AWS::ApiGatewayV2::Authorizer", "ApiHttpApiJwt");
        template.resourceCountIs("AWS::ApiGatewayV2::Authorizer", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
            "AuthorizerType", "JWT", "IdentitySource", List.of("$request.header.Authorization"),
            "JwtConfiguration", Map.of("Issuer", Synthesized.ISSUER, "Audience", List.of(Synthesized.AUDIENCE))));

        routes().forEach((id, route) -> {
            assertThat(Resources.<String>property(route, "AuthorizationType")).as(id).isEqualTo("JWT");
            assertThat(Resources.<Map<String, Object>>property(route, "AuthorizerId")).as(id)
                .containsEntry("Ref", authorizer);
        });
        assertThat(routes()).hasSize(OPERATIONS.size());
    }

    @Test
    void sendsEveryRouteToTheApiFunctionsLiveAliasThroughOneIntegration() {
        String alias = Resources.id(template, "AWS::Lambda::Alias", FunctionSettings.API_ID + "Live");
        Map<String, Map<String, Object>> integrations = Resources.of(template, "AWS::ApiGatewayV2::Integration");

        assertThat(integrations).hasSize(1);
        Map.Entry<String, Map<String, Object>> integration = integrations.entrySet().iterator().next();
        assertThat(Resources.<String>property(integration.getValue(), "IntegrationType")).isEqualTo("AWS_PROXY");
        assertThat(Resources.<String>property(integration.getValue(), "PayloadFormatVersion")).isEqualTo("2.0");
        assertThat(Resources.<Map<String, Object>>property(integration.getValue(), "IntegrationUri"))
            .isEqualTo(Map.of("Ref", alias));
        routes().forEach((id, route) -> assertThat(Resources.json(Resources.property(route, "Target"))).as(id)
            .isEqualTo("{\"Fn::Join\":[\"\",[\"integrations/\",{\"Ref\":\"" + integration.getKey() + "\"}]]}"));
    }

    @Test
    void letsEachRouteInvokeTheLiveAliasForItsOwnPathOnly() {
        String alias = Resources.id(template, "AWS::Lambda::Alias", FunctionSettings.API_ID + "Live");
        List<String> permittedPaths = new ArrayList<>();
        Resources.of(template, "AWS::Lambda::Permission").values().stream()
            .filter(permission -> "apigateway.amazonaws.com".equals(Resources.property(permission, "Principal")))
            .forEach(permission -> {
                assertThat(Resources.<Map<String, Object>>property(permission, "FunctionName"))
                    .isEqualTo(Map.of("Ref", alias));
                String sourceArn = Resources.json(Resources.property(permission, "SourceArn"));
                // ...:execute-api:<region>:<account>:<api id>/<stage>/<method>/<path>: any stage and method, this path.
                Matcher path = Pattern.compile("\"/\\*/\\*(/[^\"]*)\"]]}$").matcher(sourceArn);
                assertThat(path.find()).as(sourceArn).isTrue();
                permittedPaths.add(path.group(1));
            });

        List<String> routedPaths = OPERATIONS.stream().map(op -> op.substring(op.indexOf(' ') + 1)).toList();
        assertThat(permittedPaths).containsExactlyInAnyOrderElementsOf(routedPaths);
    }

    @Test
    void keepsTheLogicalIdsOfWhatTheTasksOnlyStackDeployed() {
        // Renaming the function's construct id, or routing another path first, would change these, and
        // CloudFormation would replace the function (its log group and logs with it), its alias or its integration.
        assertThat(Resources.of(template, "AWS::Lambda::Function")).containsKey("TasksApi2C54C787");
        assertThat(Resources.of(template, "AWS::Lambda::Alias")).containsKey("TasksApiLive29C2448C");
        assertThat(Resources.of(template, "AWS::Logs::LogGroup")).containsKey("TasksApiLogs78449CA9");
        assertThat(Resources.of(template, "AWS::IAM::Role")).containsKey("TasksApiServiceRoleD7A992D1");
        assertThat(Resources.of(template, "AWS::ApiGatewayV2::Integration"))
            .containsOnlyKeys("ApiHttpApiGETtasksTasksApiIntegrationB3C78706");
        assertThat(Resources.of(template, "AWS::ApiGatewayV2::Route")).containsKeys(
            "ApiHttpApiGETtasksCA2E4CAA", "ApiHttpApiPOSTtasks33ADA787", "ApiHttpApiGETtasksid260E4A31",
            "ApiHttpApiPATCHtasksid663631D0", "ApiHttpApiDELETEtasksid9923EDA4");
        assertThat(Resources.of(template, "AWS::CloudWatch::Alarm")).containsKeys("AlarmsTasksApiErrorsAA8C5AEC",
            "AlarmsTasksApiThrottlesF4E283D9", "AlarmsTasksApiDurationP99271666AA");
    }

    @Test
    void refusesCatchAllRoutes() {
        Api api = new Api(new Stack(new App(), "Routes"), "Api", settings());

        assertThatThrownBy(() -> api.route("/{proxy+}", null, HttpMethod.GET)).hasMessageContaining("{proxy+}");
        assertThatThrownBy(() -> api.route("/tasks/{rest+}", null, HttpMethod.GET)).hasMessageContaining("{proxy+}");
        assertThatThrownBy(() -> api.route("/tasks", null, HttpMethod.ANY)).hasMessageContaining("ANY");
        assertThatThrownBy(() -> api.route("/tasks", null)).hasMessageContaining("ANY");
    }

    @Test
    void throttlesAndWritesJsonAccessLogsThatLeadToTheFunctionsLogs() {
        Map<String, Object> stage = Resources.named(template, "AWS::ApiGatewayV2::Stage", "ApiDefaultStage");

        assertThat(Resources.<String>property(stage, "StageName")).isEqualTo("$default");
        assertThat(Resources.<Map<String, Object>>property(stage, "DefaultRouteSettings"))
            .containsEntry("ThrottlingRateLimit", Api.RATE_LIMIT).containsEntry("ThrottlingBurstLimit", Api.BURST_LIMIT);
        assertThat(Resources.<String>property(stage, "AccessLogSettings", "Format"))
            .contains("\"requestId\":\"$context.requestId\"", "$context.status", "$context.integrationErrorMessage");
    }

    @Test
    void refusesToSynthesizeWithoutAnIssuerAndAudience() {
        Path jar = Path.of(System.getProperty(StackSettings.JAR_PROPERTY));
        assertThatThrownBy(() -> new StackSettings(null, "aud", true, false, null, null, null, null, null, null, jar))
            .hasMessageContaining("jwtIssuer");
        assertThatThrownBy(() -> new StackSettings("http://issuer", "aud", true, false, null, null, null, null, null,
            null, jar)).hasMessageContaining("https");
    }

    private List<String> routeKeys() {
        return routes().values().stream().map(r -> Resources.<String>property(r, "RouteKey")).toList();
    }

    private Map<String, Map<String, Object>> routes() {
        return Resources.of(template, "AWS::ApiGatewayV2::Route");
    }

    private static StackSettings settings() {
        return new StackSettings(Synthesized.ISSUER, Synthesized.AUDIENCE, true, false, null, null, null, null, null,
            null, Path.of(System.getProperty(StackSettings.JAR_PROPERTY)));
    }

    /**
     * @return the operations of the OpenAPI document micronaut-openapi writes into the jar, as route keys. Read line
     * by line: the generator writes paths at two spaces and their methods at four, and the infra build has no YAML
     * parser of its own.
     */
    private static List<String> documentedOperations() throws IOException {
        try (ZipFile jar = new ZipFile(Path.of(System.getProperty(StackSettings.JAR_PROPERTY)).toFile())) {
            ZipEntry document = jar.stream()
                .filter(e -> e.getName().startsWith("META-INF/swagger/") && e.getName().endsWith(".yml"))
                .findFirst().orElseThrow(() -> new AssertionError("no OpenAPI document in the jar"));
            String yaml;
            try (InputStream in = jar.getInputStream(document)) {
                yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            List<String> operations = new ArrayList<>();
            String path = null;
            boolean inPaths = false;
            for (String line : yaml.split("\n")) {
                if (!line.startsWith(" ")) {
                    inPaths = line.equals("paths:");
                } else if (inPaths && line.matches(" {2}/\\S*:\\s*")) {
                    path = line.strip().replaceAll(":$", "").replaceAll("^\"|\"$", "");
                } else if (inPaths && path != null
                           && line.matches(" {4}(get|put|post|delete|options|head|patch|trace):\\s*")) {
                    operations.add(line.strip().replace(":", "").toUpperCase(Locale.ROOT) + " " + path);
                }
            }
            return operations;
        }
    }
}
