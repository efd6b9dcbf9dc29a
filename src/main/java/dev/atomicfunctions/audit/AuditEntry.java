package dev.atomicfunctions.audit;

import dev.atomicfunctions.platform.invocation.Invocation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;

/** One row of the audit trail, written in the same transaction as the change it records. */
@MappedEntity("audit_entry")
record AuditEntry(@Id @GeneratedValue @Nullable Long id,
                  AuditAction action,
                  String entityType,
                  String entityId,
                  String actor,
                  Invocation.Origin origin,
                  @Nullable String requestId,
                  String correlationId,
                  @Nullable String lambdaRequestId,
                  Instant occurredAt,
                  @TypeDef(type = DataType.STRING_ARRAY) String[] changedFields,
                  @Nullable String reason) {
}
