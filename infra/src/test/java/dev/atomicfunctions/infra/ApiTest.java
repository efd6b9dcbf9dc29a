package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API: the tasks routes, all behind the JWT authorizer, throttled, access-logged. */
class ApiTest {

    private final Template template = Synthesized.stack().template;

    @Test
    void routesEveryTasksOperationAndNothingElse() {
        List<String> routes = Resources.of(template, "AWS::ApiGatewayV2::Route").values().stream()
            .map(r -> Resources.<String>property(r, "RouteKey")).sorted().toList();

        assertThat(routes).containsExactly(
            "DELETE /tasks/{id}", "GET /tasks", "GET /tasks/{id}", "PATCH /tasks/{id}", "POST /tasks",
            "POST /tasks/batch");
    }

    @Test
    void requiresAJwtFromTheConfiguredIssuerAndAudienceOnEveryRoute() {
        String authorizer = Resources.id(template, "AWS::ApiGatewayV2::Authorizer", "ApiHttpApiJwt");
        template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", Map.of(
            "AuthorizerType", "JWT", "IdentitySource", List.of("$request.header.Authorization"),
            "JwtConfiguration", Map.of("Issuer", Synthesized.ISSUER, "Audience", List.of(Synthesized.AUDIENCE))));

        Resources.of(template, "AWS::ApiGatewayV2::Route").values().forEach(route -> {
            assertThat(Resources.<String>property(route, "AuthorizationType")).isEqualTo("JWT");
            assertThat(Resources.<Map<String, Object>>property(route, "AuthorizerId")).containsEntry("Ref", authorizer);
        });
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
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StackSettings(null, "aud", true, false, null,
                java.nio.file.Path.of(System.getProperty(StackSettings.JAR_PROPERTY))))
            .hasMessageContaining("jwtIssuer");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StackSettings("http://issuer", "aud", true, false,
                null, java.nio.file.Path.of(System.getProperty(StackSettings.JAR_PROPERTY))))
            .hasMessageContaining("https");
    }
}
