package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.atomicfunctions.platform.invocation.InvocationEnd;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.HandlerUtils;
import io.micronaut.function.executor.FunctionInitializer;

/**
 * The API function's Lambda handler, for an HTTP API (payload 2.0): what Micronaut's
 * {@code APIGatewayV2HTTPEventFunction} does, with the request adapted by {@link HttpApiExchanges}, which reads the
 * event's headers once per request instead of on every look (see {@link HttpApiRequest}), in a context that looks
 * up its event publishers once ({@link HttpApiContextBuilder}). Built by the runtime with its no-argument constructor,
 * which starts the application context (at init, or before a SnapStart snapshot).
 */
public final class HttpApiFunction extends FunctionInitializer
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final HttpApiExchanges exchanges;

    public HttpApiFunction() {
        exchanges = new HttpApiExchanges(applicationContext);
    }

    /** @param applicationContext a context of the caller's, started here (tests and local runs with settings) */
    public HttpApiFunction(ApplicationContext applicationContext) {
        super(applicationContext);
        startThis(applicationContext);
        exchanges = new HttpApiExchanges(applicationContext);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            HandlerUtils.configureWithContext(this, context);
            if (!MalformedEvents.routable(event)) {
                return MalformedEvents.refuse(event);
            }
            return exchanges.exchange(event, new APIGatewayV2HTTPResponse()).getResponse().getNativeResponse();
        } finally {
            InvocationEnd.clear();
        }
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return new HttpApiContextBuilder();
    }
}
