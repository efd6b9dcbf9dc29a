package dev.atomicfunctions.http.problem;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
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

    DatabaseUnavailableHandler(ErrorResponseProcessor<Problem> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, CannotGetJdbcConnectionException exception) {
        LOG.error("database unavailable", exception);
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(),
            HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
    }
}
