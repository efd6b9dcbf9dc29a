package dev.atomicfunctions.http.problem;

import dev.atomicfunctions.platform.error.DomainException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Maps every {@link DomainException} to its problem document, in one place. */
@Singleton
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<?>> {

    private final ErrorResponseProcessor<Problem> problems;

    DomainExceptionHandler(ErrorResponseProcessor<Problem> problems) {
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DomainException exception) {
        return problems.processResponse(ErrorContext.builder(request).cause(exception).build(),
            HttpResponse.status(ProblemStatus.of(exception.kind())));
    }
}
