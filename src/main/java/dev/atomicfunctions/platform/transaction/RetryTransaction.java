package dev.atomicfunctions.platform.transaction;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the whole entry-point transaction again when the database gave it up through no fault of the request: a
 * serialization failure (40001), a deadlock (40P01), a lock wait that timed out (55P03) or a connection lost before
 * COMMIT. Put it next to {@code @Transactional} on an entry-point method; it wraps the transaction, so each attempt
 * is a transaction of its own and a failed one has written nothing. A connection lost during COMMIT leaves the
 * outcome unknown and is never re-run: the caller gets 503 and, with an idempotency key, finds the stored answer
 * on its own retry. See {@link TransactionRetrier}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@Around
public @interface RetryTransaction {
}
