package dev.atomicfunctions.audit;

/** What a write did to an entity. */
public enum AuditAction {
    CREATE, UPDATE, DELETE, CANCEL, EXPIRE,
    /** A write that was refused or failed; recorded in a transaction of its own, after the write rolled back. */
    ATTEMPT_FAILED
}
