package dev.atomicfunctions.platform.invocation;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * Who may administer the catalogue: a subject in one of {@code atomic.authz.admin-groups} (Cognito's
 * {@code cognito:groups}) or granted one of {@code atomic.authz.admin-scopes}. Both lists are configurable, so the
 * rule fits any issuer whose tokens carry groups or scopes.
 */
@Singleton
public final class Administrators {

    private final Set<String> groups;
    private final Set<String> scopes;

    Administrators(@Value("${atomic.authz.admin-groups}") List<String> groups,
                   @Value("${atomic.authz.admin-scopes}") List<String> scopes) {
        this.groups = Set.copyOf(groups);
        this.scopes = Set.copyOf(scopes);
    }

    /** @return whether the invocation's subject administers the catalogue */
    public boolean include(Invocation invocation) {
        return invocation.groups().stream().anyMatch(groups::contains)
            || invocation.scopes().stream().anyMatch(scopes::contains);
    }
}
