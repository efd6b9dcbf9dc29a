package dev.atomicfunctions.infra;

import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IResource;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API behind a REST API (payload v1), for what only a REST API offers: usage plans and API keys, an AWS WAF web
 * ACL on the stage, a private endpoint. The same explicit routes as the HTTP API, every method behind a Cognito
 * authorizer (a REST API verifies no other issuer's JWTs itself), the same throttling, JSON access logs and X-Ray.
 * The API function then runs Micronaut's payload v1 handler, which the application reads as it reads v2 (identity
 * from the authorizer's claims, groups as Cognito passes them).
 */
final class RestApiGateway extends Construct implements ApiGateway {

    private static final AccessLogFormat ACCESS_LOG_FORMAT = Api.accessLogFormat("resourcePath",
        "$context.resourcePath");

    private final RestApi api;
    /** One integration per function, shared by its methods (each method still gets its own invoke permission). */
    private final Map<String, LambdaIntegration> integrations = new HashMap<>();

    RestApiGateway(Construct scope, String id, StackSettings settings) {
        super(scope, id);
        LogGroup accessLogs = Logs.group(this, "AccessLogs");
        CognitoUserPoolsAuthorizer authorizer = CognitoUserPoolsAuthorizer.Builder.create(this, "Cognito")
            .cognitoUserPools(List.of(UserPool.fromUserPoolArn(this, "UserPool", settings.restApiUserPoolArn())))
            .build();
        api = RestApi.Builder.create(this, "Api")
            .description("Atomic Functions REST API")
            .endpointTypes(List.of(EndpointType.REGIONAL))
            // No account-wide CloudWatch role: the stage's access log is the request log.
            .cloudWatchRole(false)
            .deployOptions(StageOptions.builder().stageName("api")
                .throttlingRateLimit(Api.RATE_LIMIT).throttlingBurstLimit(Api.BURST_LIMIT)
                .accessLogDestination(new LogGroupLogDestination(accessLogs)).accessLogFormat(ACCESS_LOG_FORMAT)
                .tracingEnabled(true)
                .build())
            .defaultMethodOptions(MethodOptions.builder()
                .authorizer(authorizer).authorizationType(AuthorizationType.COGNITO).build())
            .build();
        // API Gateway validates what a method declares (no method declares a model: the application reads bodies
        // itself, strictly, and answers each refusal as a problem the document describes).
        RequestValidator.Builder.create(this, "Validator").restApi(api)
            .validateRequestParameters(true).validateRequestBody(true).build();
        Suppressions.restApi(this);
    }

    @Override
    public void route(String path, AtomicFunction target, HttpMethod... methods) {
        ApiGateway.requireExplicit(path, methods);
        IResource resource = api.getRoot().resourceForPath(path);
        LambdaIntegration integration = integrations.computeIfAbsent(target.settings().id(),
            id -> LambdaIntegration.Builder.create(target.live()).build());
        for (HttpMethod method : methods) {
            resource.addMethod(method.name(), integration);
        }
    }

    @Override
    public String url() {
        return api.getUrl();
    }
}
