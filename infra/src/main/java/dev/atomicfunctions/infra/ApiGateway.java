package dev.atomicfunctions.infra;

import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.constructs.Construct;

import java.util.List;

/**
 * What turns HTTP requests into invocations of the API function: the HTTP API (payload v2, {@link Api}), by default,
 * or a REST API (payload v1, {@link RestApiGateway}) for what only a REST API offers. Both take the same explicit
 * routes, each behind the authorizer, and the same throttling.
 */
interface ApiGateway {

    /**
     * Routes {@code methods} on {@code path} to the function's live alias, behind the authorizer. Routes are explicit:
     * no {@code ANY} method and no greedy {@code {proxy+}} path, so an operation the application does not serve is
     * refused by API Gateway without invoking, or billing, a function, and every path the API exposes is one a
     * reviewer can read in the stack.
     */
    void route(String path, AtomicFunction target, HttpMethod... methods);

    /** @return the base URL callers use */
    String url();

    /** @return the gateway the deployment chose */
    static ApiGateway of(Construct scope, StackSettings settings) {
        return settings.restApi() ? new RestApiGateway(scope, "RestApi", settings) : new Api(scope, "Api", settings);
    }

    /** @throws IllegalArgumentException for a greedy path, a relative one, no method or {@code ANY} */
    static void requireExplicit(String path, HttpMethod... methods) {
        if (path.contains("+}") || !path.startsWith("/")) {
            throw new IllegalArgumentException("routes are explicit paths, with no greedy {proxy+} variable: " + path);
        }
        if (methods.length == 0 || List.of(methods).contains(HttpMethod.ANY)) {
            throw new IllegalArgumentException("routes name their methods, never ANY: " + path);
        }
    }
}
