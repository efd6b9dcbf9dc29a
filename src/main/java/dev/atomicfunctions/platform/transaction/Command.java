package dev.atomicfunctions.platform.transaction;

import io.micronaut.aop.Around;
import io.micronaut.transaction.annotation.Transactional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The write policy of a command, declared once whatever transport calls it: one transaction that the command begins
 * and ends ({@code REQUIRED}: the only propagation an entry point may have), at {@link ReadCommitted}, run again whole
 * when the database gives it up through no fault of the request ({@link RetryTransaction}). A command that must also
 * audit its failed attempts or relay its events after the commit adds {@code @AuditFailedAttempts} and
 * {@code @RelayAfterCommit}; the order of all of them is {@code platform.InterceptorOrder}. Run by a message's handler,
 * a command also writes the message's de-duplication record in its transaction ({@code idempotency.Deliveries}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Transactional
@ReadCommitted
@RetryTransaction
@Around
public @interface Command {
}
