package dev.atomicfunctions.platform.invocation;

import dev.atomicfunctions.platform.error.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Finding a resource by the id a caller gave, one way for every entity: a malformed id, an unknown one and another
 * caller's are the same {@link NotFoundException}, so that existence is never revealed; a probe of another caller's
 * id leaves a trace in the {@code security} log.
 */
public final class Lookups {

    private static final Logger SECURITY = LoggerFactory.getLogger("security");

    private Lookups() {
    }

    /**
     * @param entity the resource, in words
     * @param id     the id as the caller gave it
     * @return the id, when it is one
     * @throws NotFoundException when it is not a UUID: it names no resource
     */
    public static UUID id(String entity, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(entity);
        }
    }

    /**
     * @param entity       the resource, in words
     * @param id           the id the caller gave ({@link #id})
     * @param invocation   the caller
     * @param byIdAndOwner the caller's resource with this id
     * @param exists       whether any caller has a resource with this id
     * @return the caller's resource
     * @throws NotFoundException when the caller has no resource with this id
     */
    public static <T> T owned(String entity, UUID uuid, Invocation invocation,
                              BiFunction<UUID, String, Optional<T>> byIdAndOwner, Predicate<UUID> exists) {
        return byIdAndOwner.apply(uuid, invocation.subject()).orElseThrow(() -> {
            if (exists.test(uuid)) {
                SECURITY.atWarn().addKeyValue("entity", entity).addKeyValue("entityId", uuid)
                    .addKeyValue("caller", invocation.subject()).log("refused access to another caller's " + entity);
            }
            return new NotFoundException(entity);
        });
    }
}
