package dev.atomicfunctions.http.request;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.platform.logging.LogFields;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import org.slf4j.MDC;

import java.util.Optional;

/**
 * Binds the {@link Invocation} of an HTTP request to any controller parameter of that type: the subject is the
 * {@code sub} claim API Gateway's authorizer verified; a request without one is refused with 401, and so is one whose
 * subject is a system subject ({@code system:...}), which only jobs and, in process, SnapStart priming act as.
 */
@Singleton
final class InvocationBinder implements TypedRequestArgumentBinder<Invocation> {

    @Override
    public Argument<Invocation> argumentType() {
        return Argument.of(Invocation.class);
    }

    @Override
    public BindingResult<Invocation> bind(ArgumentConversionContext<Invocation> context, HttpRequest<?> source) {
        String subject = GatewayEvents.subject(source)
            .filter(s -> !s.isBlank() && (!s.startsWith(Invocation.SYSTEM_PREFIX) || Priming.primes(s)))
            .orElseThrow(MissingIdentityException::new);
        Invocation invocation = new Invocation(subject, Invocation.Origin.HTTP,
            GatewayEvents.requestId(source).orElse(null), CorrelationFilter.correlationId(source),
            MDC.get(LogFields.LAMBDA_REQUEST_ID), GatewayEvents.groups(source), GatewayEvents.scopes(source));
        // Every later log line of this request names its caller.
        LogFields.put(invocation);
        return () -> Optional.of(invocation);
    }
}
