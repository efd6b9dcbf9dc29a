package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST API option ({@code -c restApiUserPoolArn=...}): the same operations as the HTTP API, each an explicit
 * method behind a Cognito authorizer, to the API function's live alias, which runs the payload v1 handler; throttled,
 * access-logged, traced; and nothing of the HTTP API left.
 */
class RestApiTest {

    static final String USER_POOL_ARN = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Example";

    private static Synthesized synth;

    private static synchronized Synthesized rest() {
        if (synth == null) {
            synth = Synthesized.stack(Map.of("restApiUserPoolArn", USER_POOL_ARN), stack -> { });
        }
        return synth;
    }

    private final Template template = rest().template;

    @Test
    void servesEveryOperationOfTheApplicationAsAnExplicitMethodAndNothingElse() {
        assertThat(operations()).containsExactlyInAnyOrderElementsOf(ApiTest.OPERATIONS);
        assertThat(Resources.of(template, "AWS::ApiGateway::Resource").values())
            .allSatisfy(resource -> assertThat(Resources.<String>property(resource, "PathPart")).doesNotContain("+"));
        assertThat(Resources.of(template, "AWS::ApiGatewayV2::Api")).isEmpty();
    }

    @Test
    void requiresATokenOfTheConfiguredUserPoolOnEveryMethod() {
        Map<String, Object> authorizer = Resources.of(template, "AWS::ApiGateway::Authorizer").values().iterator().next();
        assertThat(Resources.<String>property(authorizer, "Type")).isEqualTo("COGNITO_USER_POOLS");
        assertThat(Resources.json(authorizer)).contains(USER_POOL_ARN);
        assertThat(methods().values()).hasSize(ApiTest.OPERATIONS.size()).allSatisfy(method -> {
            assertThat(Resources.<String>property(method, "AuthorizationType")).isEqualTo("COGNITO_USER_POOLS");
            assertThat(Resources.json(method)).contains(FunctionSettings.API_ID);
        });
    }

    @Test
    void runsThePayloadV1HandlerInTheApiFunction() {
        Map<String, Object> api = Resources.named(template, "AWS::Lambda::Function", FunctionSettings.API_ID);

        assertThat(Resources.<String>property(api, "Handler"))
            .isEqualTo("io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction");
    }

    @Test
    void throttlesTracesAndWritesJsonAccessLogsThatLeadToTheFunctionsLogs() {
        Map<String, Object> stage = Resources.of(template, "AWS::ApiGateway::Stage").values().iterator().next();

        assertThat(Resources.<Boolean>property(stage, "TracingEnabled")).isTrue();
        assertThat(Resources.json(stage)).contains("\"ThrottlingRateLimit\":" + Api.RATE_LIMIT)
            .contains("\"ThrottlingBurstLimit\":" + Api.BURST_LIMIT).contains("$context.requestId");
    }

    @Test
    void leavesNoUnsuppressedNagFinding() {
        assertThat(NagTest.findings(rest())).isEmpty();
    }

    @Test
    void refusesAUserPoolArnThatNamesNoUserPool() {
        Path jar = Path.of(System.getProperty(StackSettings.JAR_PROPERTY));
        assertThatThrownBy(() -> new StackSettings(null, null, true, false, null, null, null, null, null,
            "arn:aws:cognito-idp:eu-west-1:123456789012:identitypool/x", jar))
            .hasMessageContaining("restApiUserPoolArn");
        assertThat(new StackSettings(null, null, true, false, null, null, null, null, null, USER_POOL_ARN, jar)
            .restApi()).isTrue();
    }

    private Map<String, Map<String, Object>> methods() {
        return Resources.of(template, "AWS::ApiGateway::Method");
    }

    /** @return each method as "GET /tasks/{id}", its path rebuilt from its resource's chain of parents */
    private java.util.List<String> operations() {
        Map<String, Map<String, Object>> resources = Resources.of(template, "AWS::ApiGateway::Resource");
        return methods().values().stream()
            .map(method -> Resources.<String>property(method, "HttpMethod") + " "
                + path(resources, Resources.<String>property(method, "ResourceId", "Ref")))
            .toList();
    }

    private static String path(Map<String, Map<String, Object>> resources, String id) {
        Map<String, Object> resource = resources.get(id);
        Object parent = Resources.property(resource, "ParentId");
        String prefix = parent instanceof Map<?, ?> ref && ref.containsKey("Ref") ? path(resources, (String) ref.get("Ref"))
            : "";
        return prefix + "/" + Resources.<String>property(resource, "PathPart");
    }
}
