package dev.atomicfunctions.archfixture;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * What a new contributor might write: a route that reads a repository itself, in no transaction. Abstract, so that
 * Micronaut never makes it a bean (nor a route: it requires a property no context sets); {@code ArchitectureTest}
 * must catch it.
 */
@Requires(property = "atomic.archfixture")
@Controller("/fixture")
public abstract class ControllerCallingRepository {

    private final GenericRepository<Object, Long> repository;

    ControllerCallingRepository(GenericRepository<Object, Long> repository) {
        this.repository = repository;
    }

    @Get
    String list() {
        return repository.toString();
    }
}
