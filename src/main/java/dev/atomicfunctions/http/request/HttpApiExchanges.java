package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.BinaryTypeConfiguration;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPResponseServletResponse;
import io.micronaut.servlet.http.BodyBuilder;
import io.micronaut.servlet.http.ServletExchange;
import io.micronaut.servlet.http.ServletHttpHandler;

/**
 * Micronaut's servlet request lifecycle (routing, filters, binding, the controller, error handling) over HTTP API
 * events, each adapted as an {@link HttpApiRequest}. Used by the deployed handler ({@link HttpApiFunction}) and by
 * {@link Priming}, so that priming runs the very path requests take.
 */
final class HttpApiExchanges extends ServletHttpHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final BodyBuilder bodyBuilder;
    private final BinaryTypeConfiguration binaryTypes;

    HttpApiExchanges(ApplicationContext applicationContext) {
        super(applicationContext, applicationContext.getConversionService());
        this.bodyBuilder = applicationContext.getBean(BodyBuilder.class);
        this.binaryTypes = applicationContext.getBean(BinaryTypeConfiguration.class);
    }

    @Override
    protected ServletExchange<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> createExchange(
        APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
        return new HttpApiRequest<>(event, new Response(this), getApplicationContext().getConversionService(),
            bodyBuilder);
    }

    /** Micronaut's response adaptation, whose constructor is protected. */
    static final class Response extends APIGatewayV2HTTPResponseServletResponse<Object> {
        Response(HttpApiExchanges exchanges) {
            super(exchanges.getApplicationContext().getConversionService(), exchanges.binaryTypes);
        }
    }
}
