package dev.atomicfunctions.audit;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves an audit record of every failed attempt of this entry-point method (refused for a domain reason, lost to
 * contention after every retry, or failed unexpectedly): who, through which request, on what, and why. The record
 * is written by {@link FailedAttemptRecorder} in a transaction of its own, after the method's transaction rolled back: never
 * inside it, where it would be rolled back too. The method needs an {@code Invocation} parameter; a {@code String}
 * parameter named {@code id} (a {@code UUID}, or its text) names the entity; the method's name is the operation.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Around
public @interface AuditFailedAttempts {

    /** @return the kind of entity the method writes, for example {@code order} */
    String value();
}
