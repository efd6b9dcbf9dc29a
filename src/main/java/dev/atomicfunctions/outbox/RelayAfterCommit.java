package dev.atomicfunctions.outbox;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On an entry-point method whose transaction writes outbox events: once it has committed, the pending events are
 * relayed at once, within {@code atomic.outbox.after-commit-budget}, so that an event reaches the queue within
 * milliseconds instead of a schedule period later. Failures there are only logged: the answer does not depend on
 * them, and the scheduled relay sends whatever is left.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Around
public @interface RelayAfterCommit {
}
