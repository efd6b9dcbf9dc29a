package dev.atomicfunctions.http.problem;

import dev.atomicfunctions.http.request.CorrelationFilter;
import dev.atomicfunctions.platform.error.DomainException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns every error response, the framework's (unknown route, wrong method, unsupported media type, unreadable
 * body, constraint violations, unexpected exceptions) and ours, into an RFC 9457 problem document.
 * Only texts written for callers go out: domain details, bean-validation messages and fixed texts per status.
 * Client errors are logged here, once; server errors are logged where they are handled. Every 503 tells the caller
 * when to come back ({@code Retry-After}).
 */
@Singleton
final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponseProcessor.class);
    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance",
        "correlationId", "errors");

    private final String retryAfterSeconds;

    ProblemResponseProcessor(@Value("${atomic.http.retry-after-seconds:2}") int retryAfterSeconds) {
        this.retryAfterSeconds = Integer.toString(retryAfterSeconds);
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        HttpRequest<?> request = context.getRequest();
        Problem problem = context.getRootCause()
            .filter(DomainException.class::isInstance)
            .map(DomainException.class::cast)
            .map(e -> new Problem(e.type(), e.title(), status.getCode(), e.getMessage(), request.getPath(),
                CorrelationFilter.correlationId(request), null, extensions(e)))
            .orElseGet(() -> generic(context, status, request));
        if (status.getCode() < 500) {
            LOG.info("request rejected: {} {} -> {} ({})", request.getMethod(), request.getPath(), status.getCode(),
                context.getRootCause().map(ProblemResponseProcessor::describe).orElse(problem.title()));
        }
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        }
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    private static Problem generic(ErrorContext context, HttpStatus status, HttpRequest<?> request) {
        List<Problem.FieldError> fields = fieldErrors(context);
        boolean validation = status == HttpStatus.BAD_REQUEST && !fields.isEmpty();
        return new Problem(validation ? Problems.VALIDATION_TYPE : "about:blank",
            validation ? Problems.VALIDATION_TITLE : status.getReason(),
            status.getCode(),
            validation ? Problems.VALIDATION_DETAIL : StatusDetails.of(status),
            request.getPath(),
            CorrelationFilter.correlationId(request),
            validation ? fields : null,
            null);
    }

    /**
     * Bean validation names a field as {@link Problems#fieldErrors} does. A query value that cannot be converted
     * names its parameter; a body value serde refused names its field.
     */
    private static List<Problem.FieldError> fieldErrors(ErrorContext context) {
        return switch (context.getRootCause().orElse(null)) {
            case ConstraintViolationException violations -> Problems.fieldErrors(violations.getConstraintViolations());
            case ConversionErrorException conversion -> List.of(new Problem.FieldError(
                boundName(conversion.getArgument()), expectation(conversion.getArgument())));
            case null -> List.of();
            case Throwable other -> BodyFieldErrors.of(other).map(List::of).orElse(List.of());
        };
    }

    /** Extension members never replace a standard one: a document naming a member twice would be ambiguous. */
    private static Map<String, Object> extensions(DomainException exception) {
        Map<String, Object> extensions = new LinkedHashMap<>(exception.extensions());
        extensions.keySet().removeAll(STANDARD_MEMBERS);
        return extensions;
    }

    /** @return the name the parameter is bound from ({@code @QueryValue("x")}), else its own */
    private static String boundName(Argument<?> argument) {
        return argument.getAnnotationMetadata().stringValue(Bindable.class)
            .filter(name -> !name.isBlank()).orElse(argument.getName());
    }

    private static String expectation(Argument<?> argument) {
        Class<?> type = argument.getWrapperType();
        if (type == Integer.class || type == Long.class || type == Short.class) {
            return "must be an integer";
        }
        return type == Boolean.class ? "must be true or false" : "has an invalid value";
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
