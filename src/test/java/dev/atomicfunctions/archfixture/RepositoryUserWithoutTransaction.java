package dev.atomicfunctions.archfixture;

import io.micronaut.data.repository.GenericRepository;

/** Touches a repository without requiring the caller's transaction: the rule must catch it. */
public abstract class RepositoryUserWithoutTransaction {

    private final GenericRepository<Object, Long> repository;

    RepositoryUserWithoutTransaction(GenericRepository<Object, Long> repository) {
        this.repository = repository;
    }

    GenericRepository<Object, Long> repository() {
        return repository;
    }
}
