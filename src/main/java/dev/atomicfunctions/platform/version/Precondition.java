package dev.atomicfunctions.platform.version;

import dev.atomicfunctions.platform.error.VersionMismatchException;

import java.util.Set;

/**
 * The versions a write may apply to, as the caller stated them (HTTP's {@code If-Match}, translated at the edge):
 * any, or only those named. A write to a resource at another version is refused, and nothing is written.
 *
 * @param any      whether every version will do (no condition, or {@code *})
 * @param versions the versions named, when not {@code any}; none at all means none will do
 */
public record Precondition(boolean any, Set<Long> versions) {

    /** No condition: the write applies to whatever version it reads. */
    public static final Precondition NONE = new Precondition(true, Set.of());

    public Precondition {
        versions = Set.copyOf(versions);
    }

    /**
     * @param entity  the resource, in words, for the failure
     * @param version its current version
     * @throws VersionMismatchException when the condition does not hold
     */
    public void check(String entity, long version) {
        if (!any && !versions.contains(version)) {
            throw new VersionMismatchException(entity);
        }
    }
}
