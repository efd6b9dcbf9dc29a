package dev.atomicfunctions.shared.request;

import io.micronaut.core.annotation.Nullable;

/**
 * Who makes a request and how to find it again: bound to any controller parameter of this type.
 *
 * @param subject       the verified JWT {@code sub} claim
 * @param requestId     API Gateway's request id
 * @param correlationId the request's correlation id
 */
public record Caller(String subject, @Nullable String requestId, String correlationId) {
}
