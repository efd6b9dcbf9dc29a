package dev.atomicfunctions.platform.transaction;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that the transaction of this entry-point method runs at {@code READ COMMITTED}, and that its correctness
 * needs no stricter level: what it protects, it protects with row locks taken in a fixed order and with conditional
 * writes. A declaration only: it sends nothing to the database.
 * <p>
 * Why not {@code @Transactional(isolation = READ_COMMITTED)}: with an explicit isolation, Micronaut asks the driver
 * for the connection's level before every transaction, and pgjdbc answers with a round trip
 * ({@code SHOW TRANSACTION ISOLATION LEVEL}); on a connection at another level it would also send
 * {@code SET SESSION CHARACTERISTICS}, which pins an RDS Proxy session. {@code READ COMMITTED} is PostgreSQL's
 * default ({@code default_transaction_isolation}), nothing in the functions or the migrations changes it, and a
 * test reads it from the database ({@code DefaultIsolationIT}): every transaction already runs at it.
 * <p>
 * {@code ArchitectureTest} requires every {@code @Transactional} method of an entry point (a controller or an
 * {@link EntryPoint}) to carry this (directly or through {@link Command}) or an explicit isolation, so that each
 * write states the level it relies on.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface ReadCommitted {
}
