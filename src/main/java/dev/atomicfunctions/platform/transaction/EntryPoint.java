package dev.atomicfunctions.platform.transaction;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a command bean: the entry point that owns a write's transaction, whatever transport asks for it (a feature's
 * commands, such as {@code OrderCommands}, run by an HTTP adapter and a message handler alike; a job's, such as
 * {@code ExpireOrders}). Each method declares {@code @Command} (a write) or {@code @ReadOnly} (a read), always
 * {@code REQUIRED} (its invocation's own transaction), and calls services, never repositories. It is called only from
 * outside every transaction: by an adapter, a Lambda handler or a driver between one and its entry points, never by a
 * service or another command. {@code ArchitectureTest} finds commands by this annotation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface EntryPoint {
}
