package dev.atomicfunctions.audit;

/**
 * What a failed attempt was about, passed by an entry point whose annotation cannot say it: a queue message names
 * its own ({@code order.place} is an attempt to {@code place} an {@code order}), so that its failed attempt is audited
 * as the same command's through HTTP is.
 *
 * @param entityType the kind of entity, for example {@code order}
 * @param operation  what was attempted, for example {@code place}
 * @param entityId   the entity's id, or empty when the attempt would have created it
 */
public record AttemptTarget(String entityType, String operation, String entityId) {
}
