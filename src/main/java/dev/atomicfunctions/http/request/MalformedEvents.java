package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.http.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;

/**
 * An invocation whose event is not an HTTP API request (no {@code requestContext.http} with a method and a path:
 * {@code null}, {@code {}}, another service's event) is answered 400 with a problem document here, before Micronaut
 * reads it (where it would fail with a {@code NullPointerException}, which API Gateway turns into a 500). Logged once.
 */
final class MalformedEvents {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedEvents.class);

    private MalformedEvents() {
    }

    /** @return whether the event carries what routing a request needs */
    static boolean routable(APIGatewayV2HTTPEvent event) {
        return event != null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null
            && event.getRequestContext().getHttp().getMethod() != null
            && event.getRequestContext().getHttp().getPath() != null;
    }

    /** @return the 400 answer to an event that is not {@link #routable} */
    static APIGatewayV2HTTPResponse refuse(APIGatewayV2HTTPEvent event) {
        String correlationId = UUID.randomUUID().toString();
        LOG.atWarn().addKeyValue("correlationId", correlationId)
            .addKeyValue("requestId", event == null || event.getRequestContext() == null ? null
                : event.getRequestContext().getRequestId())
            .log("malformed event: not an HTTP API request");
        return APIGatewayV2HTTPResponse.builder()
            .withStatusCode(400)
            .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE, "X-Correlation-Id", correlationId))
            .withBody("{\"type\":\"urn:atomic-functions:problem:malformed-event\",\"title\":\"Malformed event\","
                + "\"status\":400,\"detail\":\"The invocation's event is not an API Gateway HTTP API request "
                + "(payload 2.0): it has no requestContext.http with a method and a path.\",\"correlationId\":\""
                + correlationId + "\"}")
            .withIsBase64Encoded(false)
            .build();
    }
}
