package dev.atomicfunctions.shared.problem;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No connection could be had from the pool (database down, proxy saturated, network cut): 503 with
 * {@code Retry-After}, because the caller may simply try again. Nothing was written: no transaction could start.
 */
@Singleton
final class DatabaseUnavailableHandler implements ExceptionHandler<CannotGetJdbcConnectionException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableHandler.class);

    private final ErrorResponseProcessor<Problem> problems;
    private final String retryAfterSeconds;

    DatabaseUnavailableHandler(ErrorResponseProcessor<Problem> problems,
                               @Value("${atomic.http.retry-after-seconds:2}") int retryAfterSeconds) {
        this.problems = problems;
        this.retryAfterSeconds = Integer.toString(retryAfterSeconds);
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
        LOG.error("database unavailable", exception);
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE))
            .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
    }
}
