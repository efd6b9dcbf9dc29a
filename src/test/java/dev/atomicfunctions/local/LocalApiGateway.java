package dev.atomicfunctions.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.atomicfunctions.support.SystemProperties;
import dev.atomicfunctions.support.TestLambdaContext;
import dev.atomicfunctions.http.request.HttpApiFunction;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What API Gateway's HTTP API does in front of the tasks function, on localhost: turns each HTTP request into a
 * payload v2 event, invokes the real {@link HttpApiFunction} (built as Lambda builds it, with its
 * no-argument constructor) and turns its response back into HTTP.
 * <p>
 * Identity, development only: the JWT authorizer is simulated by the {@value #DEV_SUBJECT_HEADER} header, whose value
 * becomes the {@code sub} claim in {@code requestContext.authorizer.jwt.claims}, exactly where API Gateway puts a
 * verified one. This class lives in the test sources, so it is not in the deployed jar and cannot be switched on
 * in Lambda; the function itself has no development mode. Likewise {@value #DEV_GROUPS_HEADER} (comma-separated)
 * becomes the {@code cognito:groups} claim, rendered as an HTTP API renders a list claim ({@code [admin users]}).
 * <p>
 * Concurrency, as Lambda has it: Lambda serves concurrent requests from separate environments, each with its own
 * database connection. Here one function serves them all, with a pool of {@value #CONCURRENT_CONNECTIONS}
 * connections, so that each in-flight request (up to that many) has its own connection: 64 requests at once see
 * what 64 environments would, not a queue of them waiting for one connection.
 */
public final class LocalApiGateway implements AutoCloseable {

    /** Header whose value the simulated authorizer turns into the caller's {@code sub} claim. */
    public static final String DEV_SUBJECT_HEADER = "X-Dev-Subject";
    /** Header whose comma-separated values the simulated authorizer turns into the {@code cognito:groups} claim. */
    public static final String DEV_GROUPS_HEADER = "X-Dev-Groups";
    /** Connections of the local function: one per in-flight request, as Lambda's environments would each have. */
    static final int CONCURRENT_CONNECTIONS = 64;
    private static final DateTimeFormatter API_GATEWAY_TIME =
        DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final HttpApiFunction function;
    private final HttpServer server;
    private final ExecutorService executor;

    private LocalApiGateway(HttpApiFunction function, HttpServer server, ExecutorService executor) {
        this.function = function;
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param port the port to listen on (0 for any free one)
     * @return the started gateway
     */
    public static LocalApiGateway start(int port) throws IOException {
        return start(port, Map.of());
    }

    /**
     * @param port       the port to listen on (0 for any free one)
     * @param properties configuration the function is built with, over the environment's (a test's database URL)
     * @return the started gateway
     */
    public static LocalApiGateway start(int port, Map<String, String> properties) throws IOException {
        Map<String, String> all = new HashMap<>(properties);
        all.put("datasources.default.maximum-pool-size", Integer.toString(CONCURRENT_CONNECTIONS));
        HttpApiFunction function = SystemProperties.during(all, HttpApiFunction::new);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 2 * CONCURRENT_CONNECTIONS);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        LocalApiGateway gateway = new LocalApiGateway(function, server, executor);
        server.createContext("/", gateway::handle);
        server.setExecutor(executor);
        server.start();
        return gateway;
    }

    /** @return the port it listens on */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean anonymous = exchange.getRequestHeaders().getFirst(DEV_SUBJECT_HEADER) == null;
            APIGatewayV2HTTPResponse response = function.handleRequest(toEvent(exchange),
                new TestLambdaContext("tasks-api"));
            byte[] body = anonymous && response.getStatusCode() == 401 ? localUnauthenticated(response)
                : body(response);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            }
            if (response.getMultiValueHeaders() != null) {
                response.getMultiValueHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
            }
            exchange.getResponseHeaders().remove("Content-Length");
            exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    /**
     * Deployed, the caller sends a bearer token and API Gateway's authorizer turns it into claims; here the header
     * stands in for it, and the function's 401 says so.
     */
    private static byte[] localUnauthenticated(APIGatewayV2HTTPResponse response) {
        return new String(body(response), StandardCharsets.UTF_8)
            .replace("This API needs a bearer token whose subject identifies the caller.",
                "Locally, send the header " + DEV_SUBJECT_HEADER + ": <subject> (it stands in for the bearer token "
                    + "API Gateway's JWT authorizer verifies when deployed).")
            .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] body(APIGatewayV2HTTPResponse response) {
        String body = response.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        return response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static APIGatewayV2HTTPEvent toEvent(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
            headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        String subject = headers.remove(DEV_SUBJECT_HEADER.toLowerCase(Locale.ROOT));
        String groups = headers.remove(DEV_GROUPS_HEADER.toLowerCase(Locale.ROOT));
        byte[] body = exchange.getRequestBody().readAllBytes();
        Instant now = Instant.now();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return APIGatewayV2HTTPEvent.builder()
            .withVersion("2.0")
            .withRouteKey("$default")
            .withRawPath(exchange.getRequestURI().getRawPath())
            .withRawQueryString(rawQuery == null ? "" : rawQuery)
            .withHeaders(headers)
            .withQueryStringParameters(query(rawQuery))
            .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName("localhost")
                .withStage("$default")
                .withRouteKey("$default")
                .withRequestId(UUID.randomUUID().toString())
                .withTime(API_GATEWAY_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                    .withMethod(exchange.getRequestMethod())
                    .withPath(exchange.getRequestURI().getRawPath())
                    .withProtocol(exchange.getProtocol())
                    .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                    .withUserAgent(headers.get("user-agent"))
                    .build())
                .withAuthorizer(subject == null ? null : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                        .withClaims(claims(subject, groups))
                        .withScopes(List.of())
                        .build())
                    .build())
                .build())
            // Like API Gateway: text bodies as they are, anything else base64-encoded.
            .withBody(body.length == 0 ? null : isText(headers) ? new String(body, StandardCharsets.UTF_8)
                : Base64.getEncoder().encodeToString(body))
            .withIsBase64Encoded(body.length > 0 && !isText(headers))
            .build();
    }

    private static Map<String, String> claims(String subject, String groups) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        if (groups != null) {
            claims.put("cognito:groups", "[" + String.join(" ", groups.split("\\s*,\\s*")) + "]");
        }
        return claims;
    }

    private static boolean isText(Map<String, String> headers) {
        String type = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.contains("json") || type.contains("xml");
    }

    /** API Gateway joins repeated parameters with commas. */
    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            String name = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        function.close();
    }
}
