package dev.atomicfunctions.migration;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The server-side bounds on every session of the functions' database, applied by the migration function (see
 * {@code db/session-limits}). PostgreSQL durations, such as {@code 5s} or {@code 500ms}.
 *
 * @param idleInTransaction how long a session may sit idle inside a transaction before the server ends it
 * @param lock              how long a statement may wait for a lock
 * @param statement         how long a statement may run
 */
@ConfigurationProperties("atomic.database.session-limits")
record SessionLimits(String idleInTransaction, String lock, String statement) {
}
