package dev.atomicfunctions.shared.request;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.util.Optional;

/** Binds {@link Caller} from the authorizer's claims; a request without a verified subject is refused with 401. */
@Singleton
final class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    @Override
    public Argument<Caller> argumentType() {
        return Argument.of(Caller.class);
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> source) {
        String subject = GatewayEvents.subject(source)
            .filter(s -> !s.isBlank())
            .orElseThrow(MissingIdentityException::new);
        // Every later log line of this request names its caller.
        MDC.put(CorrelationFilter.MDC_CALLER, subject);
        Caller caller = new Caller(subject, GatewayEvents.requestId(source).orElse(null),
            CorrelationFilter.correlationId(source));
        return () -> Optional.of(caller);
    }
}
