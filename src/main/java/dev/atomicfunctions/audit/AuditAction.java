package dev.atomicfunctions.audit;

/** What a write did to an entity. */
public enum AuditAction {
    CREATE, UPDATE, DELETE
}
