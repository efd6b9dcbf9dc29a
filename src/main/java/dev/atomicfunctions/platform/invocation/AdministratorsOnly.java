package dev.atomicfunctions.platform.invocation;

import io.micronaut.aop.Around;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only {@link Administrators} may run the annotated entry point. The caller is judged outside every other interceptor
 * ({@code InterceptorOrder.AUTHORIZATION}): before a connection is taken or a transaction begun, so a refused caller
 * is told 403 even when the database is unreachable, and nothing is read or written for it. The method takes the
 * {@link Invocation} as a parameter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Around
public @interface AdministratorsOnly {
}
