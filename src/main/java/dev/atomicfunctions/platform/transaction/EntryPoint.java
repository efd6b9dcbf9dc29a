package dev.atomicfunctions.platform.transaction;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean that owns transactions for an entry point other than a controller: the bean an event handler
 * (a {@code MicronautRequestHandler}, on which AOP is ignored) delegates to. Like a controller, it declares
 * {@code @Transactional} on each method that writes and {@code @ReadOnly} on each that only reads, always
 * {@code REQUIRED} (its invocation's own transaction), and calls services, never repositories. It is called only from
 * outside every transaction: by a Lambda handler or a driver between one and its entry points, never by a service.
 * {@code ArchitectureTest} finds entry points by this annotation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EntryPoint {
}
