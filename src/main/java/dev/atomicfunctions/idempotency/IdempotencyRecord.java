package dev.atomicfunctions.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** The first answer to a request made with an idempotency key. */
@MappedEntity("idempotency_record")
record IdempotencyRecord(@Id @GeneratedValue @Nullable Long id,
                         String ownerId,
                         String operation,
                         String idempotencyKey,
                         String fingerprint,
                         String response,
                         Instant createdAt) {
}
