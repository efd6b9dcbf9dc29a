package dev.atomicfunctions.task;

/**
 * The answer to a create.
 *
 * @param task     the task as stored
 * @param replayed whether this is the stored answer to an earlier request with the same idempotency key
 */
record Creation(TaskView task, boolean replayed) {
}
