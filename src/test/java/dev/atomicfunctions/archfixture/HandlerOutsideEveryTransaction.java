package dev.atomicfunctions.archfixture;

import io.micronaut.function.aws.MicronautRequestHandler;

import java.util.Map;

/**
 * A Lambda handler that hands its work to a class that is neither an entry point nor a service
 * ({@link SavepointsWithoutTransaction}): no transaction is ever begun around it. Abstract, so that it is never built;
 * {@code ArchitectureTest} must catch the class it calls.
 */
public abstract class HandlerOutsideEveryTransaction
    extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {

    SavepointsWithoutTransaction restock;

    @Override
    public Map<String, Object> execute(Map<String, Object> input) {
        return Map.of("restocked", restock.restockTwice());
    }
}
