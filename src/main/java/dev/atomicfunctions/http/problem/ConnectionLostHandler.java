package dev.atomicfunctions.http.problem;

import io.micronaut.data.connection.exceptions.ConnectionException;
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
 * The connection broke under a transaction: HikariCP replaces a connection that reported a connection error with a
 * closed one, and the rollback or clean-up that follows fails with "connection is closed", hiding the first error.
 * Not the caller's fault, and not a bug: 503 with {@code Retry-After} (a retry with the same {@code Idempotency-Key}
 * replays the answer if the write did commit), never a 500.
 */
@Singleton
final class ConnectionLostHandler implements ExceptionHandler<ConnectionException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLostHandler.class);

    private final ErrorResponseProcessor<Problem> problems;

    ConnectionLostHandler(ErrorResponseProcessor<Problem> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConnectionException exception) {
        LOG.error("database connection lost", exception);
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(),
            HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE));
    }
}
