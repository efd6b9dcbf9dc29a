package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.atomicfunctions.http.request.PrimingRequests.PrimingRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The API Gateway events of SnapStart priming's requests, shaped as each API sends them: acting as
 * {@link Priming#SUBJECT}, in the configured administrator groups and with their scopes.
 */
final class PrimingEvents {

    private static final String SUBJECT = Priming.SUBJECT;

    private final List<String> adminGroups;
    private final List<String> adminScopes;

    PrimingEvents(List<String> adminGroups, List<String> adminScopes) {
        this.adminGroups = adminGroups;
        this.adminScopes = adminScopes;
    }

    APIGatewayV2HTTPEvent v2Event(PrimingRequest request) {
        return APIGatewayV2HTTPEvent.builder()
            .withVersion("2.0")
            .withRouteKey(request.method() + " " + request.path())
            .withRawPath(request.path())
            .withRawQueryString("")
            .withHeaders(headers(request))
            .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey(request.method() + " " + request.path())
                .withStage("$default")
                .withTimeEpoch(System.currentTimeMillis())
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                    .withMethod(request.method())
                    .withPath(request.path())
                    .withProtocol("HTTP/1.1")
                    .withSourceIp("127.0.0.1")
                    .withUserAgent("snapstart-priming")
                    .build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        // An HTTP API renders a list claim as [a b]; its scopes come as a list of their own.
                        .withClaims(Map.of("sub", SUBJECT, "cognito:groups", "[" + String.join(" ", adminGroups) + "]"))
                        .withScopes(adminScopes)
                        .build())
                    .build())
                .build())
            .withBody(request.body())
            .withIsBase64Encoded(false)
            .build();
    }

    APIGatewayProxyRequestEvent v1Event(PrimingRequest request) {
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
        context.setRequestId(UUID.randomUUID().toString());
        context.setHttpMethod(request.method());
        context.setPath(request.path());
        context.setStage("prod");
        // A REST API's Cognito authorizer passes groups comma-separated, and the token's scopes as its scope claim.
        context.setAuthorizer(Map.of("claims", Map.of("sub", SUBJECT, "cognito:groups", String.join(",", adminGroups),
            "scope", String.join(" ", adminScopes))));
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        event.setHttpMethod(request.method());
        event.setPath(request.path());
        event.setResource(request.path());
        event.setHeaders(headers(request));
        event.setMultiValueHeaders(null);
        event.setRequestContext(context);
        event.setBody(request.body());
        event.setIsBase64Encoded(false);
        return event;
    }

    private static Map<String, String> headers(PrimingRequest request) {
        Map<String, String> headers = new HashMap<>(Map.of("accept", "application/json", "user-agent",
            "snapstart-priming"));
        if (request.body() != null) {
            headers.put("content-type", "application/json");
        }
        return headers;
    }
}
