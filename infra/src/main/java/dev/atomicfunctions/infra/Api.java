package dev.atomicfunctions.infra;

import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP API (payload v2): explicit routes only, every one of them needing a JWT the authorizer verified (issuer
 * and audience from context, the API's default authorizer, which no route overrides); the default stage throttles
 * and writes JSON access logs.
 */
final class Api extends Construct implements ApiGateway {

    /** Steady-state requests per second the stage accepts before answering 429; protects database and budget. */
    static final int RATE_LIMIT = 100;
    /** Short bursts above the rate. */
    static final int BURST_LIMIT = 200;

    private static final AccessLogFormat ACCESS_LOG_FORMAT = accessLogFormat("routeKey", "$context.routeKey");

    private final HttpApi api;
    private final HttpStage stage;
    /** One integration per function, shared by its routes. */
    private final Map<String, HttpLambdaIntegration> integrations = new HashMap<>();

    Api(Construct scope, String id, StackSettings settings) {
        super(scope, id);
        api = HttpApi.Builder.create(this, "HttpApi")
            .description("Atomic Functions HTTP API")
            .createDefaultStage(false)
            .defaultAuthorizer(HttpJwtAuthorizer.Builder.create("Jwt", settings.jwtIssuer())
                .jwtAudience(List.of(settings.jwtAudience())).build())
            .build();
        LogGroup accessLogs = Logs.group(this, "AccessLogs");
        stage = HttpStage.Builder.create(this, "DefaultStage")
            .httpApi(api).stageName("$default").autoDeploy(true)
            .throttle(ThrottleSettings.builder().rateLimit(RATE_LIMIT).burstLimit(BURST_LIMIT).build())
            .accessLogSettings(new IAccessLogSettings() {
                @Override
                public IAccessLogDestination getDestination() {
                    return new LogGroupLogDestination(accessLogs);
                }

                @Override
                public AccessLogFormat getFormat() {
                    return ACCESS_LOG_FORMAT;
                }
            })
            .build();
    }

    /**
     * {@inheritDoc} Each route gets its own invoke permission, scoped to its path.
     *
     * <p>The first route given a function creates the function's integration under that route's construct path,
     * which is where its logical id comes from: keep the first route of a deployed function first.
     */
    @Override
    public void route(String path, AtomicFunction target, HttpMethod... methods) {
        ApiGateway.requireExplicit(path, methods);
        api.addRoutes(AddRoutesOptions.builder()
            .path(path).methods(List.of(methods))
            .integration(integrations.computeIfAbsent(target.settings().id(),
                id -> new HttpLambdaIntegration(id + "Integration", target.live())))
            .build());
    }

    /**
     * JSON, one line per request, the same for the HTTP API and a REST API but for the variable naming the route.
     * requestId is the id the functions log as {@code apiRequestId}, so an access log line leads to the function's
     * log lines.
     */
    static AccessLogFormat accessLogFormat(String routeField, String routeVariable) {
        return AccessLogFormat.custom("""
            {"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime",\
            "method":"$context.httpMethod","path":"$context.path","%s":"%s",\
            "status":"$context.status","responseLength":"$context.responseLength",\
            "latencyMs":"$context.responseLatency","integrationLatencyMs":"$context.integrationLatency",\
            "integrationStatus":"$context.integrationStatus","integrationError":"$context.integrationErrorMessage",\
            "authorizerError":"$context.authorizer.error","subject":"$context.authorizer.claims.sub"}\
            """.formatted(routeField, routeVariable));
    }

    @Override
    public String url() {
        return stage.getUrl();
    }
}
