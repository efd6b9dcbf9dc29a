package dev.atomicfunctions.support;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.http.request.HttpApiFunction;
import io.micronaut.core.type.Argument;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real handler classes, built as Lambda builds them, fed API Gateway payload v1 or v2 events in process (no
 * shaded jar, no HTTP): what input-rule tests send their fixtures through. A caller may come with Cognito groups,
 * put where each authorizer puts them.
 */
public final class InProcessApi implements AutoCloseable {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private final HttpApiFunction httpApi = new HttpApiFunction();
    private final ApiGatewayProxyRequestEventFunction restApi = new ApiGatewayProxyRequestEventFunction();

    /** How a body travels: as JSON, flagged base64 (JSON bodies are encoded), or without a Content-Type. */
    public enum SentAs {
        JSON, BASE64, NONE_TYPE;

        /** @param name {@code json}, {@code base64} or {@code none-type}, as the rule files write it */
        public static SentAs of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }
    }

    /** The answer, whichever payload version carried it. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public Map<String, Object> json() {
            try {
                return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        /**
         * Asserts a refusal as every input rule expects it: a problem document that shows no exception, class or
         * parser text, and names only {@code field} with {@code message} in its {@code errors} when a field is given.
         */
        public void assertCleanProblem(String field, String message) {
            assertThat(headers).containsEntry("Content-Type", "application/problem+json");
            assertThat(body).doesNotContainIgnoringCase("exception").doesNotContain("Illegal", "line:");
            if (field != null) {
                assertThat(json().get("errors")).asList().containsExactly(Map.of("field", field, "message", message));
            }
        }
    }

    /**
     * @param payload {@code v1} (REST API) or {@code v2} (HTTP API)
     * @param path    path and query
     * @param subject the verified caller
     * @param groups  the caller's {@code cognito:groups}, or {@code null}
     * @param body    the body, or {@code null}
     * @param headers further header name/value pairs
     */
    public Answer send(String payload, String method, String path, String subject, String groups, String body,
                       SentAs sentAs, String... headers) {
        String[] pathAndQuery = path.split("\\?", 2);
        boolean base64 = sentAs == SentAs.BASE64;
        String sentBody = body != null && base64 && body.startsWith("{")
            ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body;
        Map<String, String> query = query(pathAndQuery.length > 1 ? pathAndQuery[1] : "");
        if (payload.equals("v1")) {
            APIGatewayProxyRequestEvent event = Events.v1(method, pathAndQuery[0], subject, sentBody, headers);
            event.setQueryStringParameters(query.isEmpty() ? null : query);
            event.setIsBase64Encoded(base64);
            event.setHeaders(contentType(event.getHeaders(), sentAs));
            if (groups != null) {
                // A REST API's Cognito authorizer passes the groups as a comma-separated claim.
                event.getRequestContext().setAuthorizer(Map.of("claims", Map.of("sub", subject,
                    "cognito:groups", groups)));
            }
            APIGatewayProxyResponseEvent response = restApi.handleRequest(event, new TestLambdaContext("api"));
            return new Answer(response.getStatusCode(), response.getHeaders(), response.getBody());
        }
        APIGatewayV2HTTPEvent event = Events.v2(method, pathAndQuery[0], subject, sentBody, headers);
        event.setRawQueryString(pathAndQuery.length > 1 ? pathAndQuery[1] : "");
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        event.setIsBase64Encoded(base64);
        event.setHeaders(contentType(event.getHeaders(), sentAs));
        if (groups != null) {
            // An HTTP API renders a list claim as [a b].
            Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
            claims.put("cognito:groups", "[" + groups.replace(',', ' ') + "]");
            event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        }
        APIGatewayV2HTTPResponse response = httpApi.handleRequest(event, new TestLambdaContext("api"));
        return new Answer(response.getStatusCode(), response.getHeaders(), response.getBody());
    }

    /** @return a fixture file under {@code src/test/resources/requests}, for example {@code products/valid.json} */
    public static String fixture(String name) {
        try (InputStream in = InProcessApi.class.getResourceAsStream("/requests/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    private static Map<String, String> contentType(Map<String, String> headers, SentAs sentAs) {
        Map<String, String> changed = new HashMap<>(headers);
        if (sentAs == SentAs.NONE_TYPE) {
            changed.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
        }
        return changed;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    @Override
    public void close() {
        httpApi.close();
        restApi.close();
    }
}
