package dev.atomicfunctions.platform.invocation;

import io.micronaut.core.annotation.Nullable;

import java.util.Set;

/**
 * Who acts, and through which invocation: what audit, idempotency and logs need, whatever the entry point. HTTP
 * builds it from the authorizer's claims, a queue consumer from the message, a scheduled job from its event.
 *
 * @param subject         the acting principal: a verified JWT {@code sub}, or {@code system:<job>} for a job
 * @param origin          the kind of entry point
 * @param originId        the origin's own id: API Gateway request id, SQS message id, schedule event id
 * @param correlationId   the id that follows the work across requests, messages and logs
 * @param lambdaRequestId the Lambda invocation's request id, when running in (or as) Lambda
 * @param groups          the subject's groups as verified (Cognito's {@code cognito:groups}); empty for jobs
 * @param scopes          the OAuth scopes the token was granted; empty for jobs
 */
public record Invocation(String subject, Origin origin, @Nullable String originId, String correlationId,
                         @Nullable String lambdaRequestId, Set<String> groups, Set<String> scopes) {

    /** The kind of entry point an invocation came through. */
    public enum Origin {
        HTTP, QUEUE, SCHEDULE
    }

    /** The subject prefix of system principals (jobs), which no JWT {@code sub} issued to a person carries. */
    public static final String SYSTEM_PREFIX = "system:";

    /**
     * @param job the job's name, for example {@code order-expiry}
     * @return the principal a scheduled job acts as
     */
    public static String systemSubject(String job) {
        return SYSTEM_PREFIX + job;
    }
}
