package dev.atomicfunctions.platform.logging;

import dev.atomicfunctions.platform.invocation.Invocation;
import org.slf4j.MDC;

/**
 * The logging-context (MDC) fields every line of an invocation carries, whatever its entry point. The Lambda
 * request id is already there: Micronaut's handlers put it in as {@code AWSRequestId}.
 */
public final class LogFields {

    /** The correlation id. */
    public static final String CORRELATION_ID = "correlationId";
    /** API Gateway's request id (the {@code requestId} of its access log). */
    public static final String API_REQUEST_ID = "apiRequestId";
    /** The SQS message id. */
    public static final String MESSAGE_ID = "messageId";
    /** The id of the EventBridge event that started a scheduled run. */
    public static final String SCHEDULE_EVENT_ID = "scheduleEventId";
    /** The acting principal. */
    public static final String CALLER = "caller";
    /** Micronaut's name for the Lambda request id. */
    public static final String LAMBDA_REQUEST_ID = "AWSRequestId";

    private LogFields() {
    }

    /** Names the invocation on every later log line of this thread. */
    public static void put(Invocation invocation) {
        MDC.put(CORRELATION_ID, invocation.correlationId());
        MDC.put(CALLER, invocation.subject());
        if (invocation.originId() != null) {
            MDC.put(originKey(invocation.origin()), invocation.originId());
        }
    }

    /** Forgets what {@link #put} set. */
    public static void clear() {
        MDC.remove(CORRELATION_ID);
        MDC.remove(CALLER);
        for (Invocation.Origin origin : Invocation.Origin.values()) {
            MDC.remove(originKey(origin));
        }
    }

    private static String originKey(Invocation.Origin origin) {
        return switch (origin) {
            case HTTP -> API_REQUEST_ID;
            case QUEUE -> MESSAGE_ID;
            case SCHEDULE -> SCHEDULE_EVENT_ID;
        };
    }
}
