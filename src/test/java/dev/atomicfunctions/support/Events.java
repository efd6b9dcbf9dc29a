package dev.atomicfunctions.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * API Gateway events built from AWS's own samples (copied unedited into {@code src/test/resources/aws-events}),
 * loaded with the Lambda runtime's serializer; only the fields a test needs are overridden.
 */
public final class Events {

    public static final String V2_JWT_SAMPLE = "aws-events/apigw-v2-http-post-jwt-java-tests.json";
    public static final String V2_NO_AUTHORIZER_SAMPLE = "aws-events/apigw-v2-http-no-authorizer.json";
    public static final String V1_REST_SAMPLE = "aws-events/apigw-v1-rest-aws-proxy-post.json";

    private Events() {
    }

    /**
     * @param subject the verified {@code sub} claim; {@code null} keeps the sample's claims, which have none
     * @return an HTTP API (payload v2) event for this request, with a fresh request id
     */
    public static APIGatewayV2HTTPEvent v2(String method, String path, String subject, String body,
                                           String... headers) {
        APIGatewayV2HTTPEvent event = AwsSamples.read(() -> EventLoader.loadApiGatewayHttpEvent(V2_JWT_SAMPLE));
        route(event, method, path, body, headers);
        if (subject != null) {
            Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
            claims.put("sub", subject);
            event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        }
        return event;
    }

    /** Points any v2 event (a sample as loaded) at this request. */
    public static APIGatewayV2HTTPEvent route(APIGatewayV2HTTPEvent event, String method, String path, String body,
                                              String... headers) {
        event.setRawPath(path);
        event.setRawQueryString("");
        event.setQueryStringParameters(null);
        event.setPathParameters(null);
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(path);
        event.getRequestContext().setRequestId(UUID.randomUUID().toString());
        event.setHeaders(headers(event.getHeaders(), body, headers));
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    /**
     * @param subject the verified {@code sub} claim, put where a Cognito/JWT authorizer puts it; {@code null}: none
     * @return a REST API (payload v1) event for this request, with a fresh request id
     */
    public static APIGatewayProxyRequestEvent v1(String method, String path, String subject, String body,
                                                 String... headers) {
        APIGatewayProxyRequestEvent event = AwsSamples.read(() -> EventLoader.loadApiGatewayRestEvent(V1_REST_SAMPLE));
        event.setHttpMethod(method);
        event.setPath(path);
        event.setQueryStringParameters(null);
        event.setPathParameters(null);
        event.getRequestContext().setHttpMethod(method);
        event.getRequestContext().setRequestId(UUID.randomUUID().toString());
        if (subject != null) {
            event.getRequestContext().setAuthorizer(Map.of("claims", Map.of("sub", subject)));
        }
        event.setHeaders(headers(event.getHeaders(), body, headers));
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    private static Map<String, String> headers(Map<String, String> sample, String body, String... extra) {
        Map<String, String> headers = new HashMap<>(sample == null ? Map.of() : sample);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        for (int i = 0; i < extra.length; i += 2) {
            headers.put(extra[i], extra[i + 1]);
        }
        return headers;
    }
}
