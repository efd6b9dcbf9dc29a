package dev.atomicfunctions.archfixture;

/**
 * Keeps an invocation's caller in static fields, on purpose: on Lambda Managed Instances another invocation running at
 * the same time would read it. {@code ArchitectureTest} must catch both.
 */
public abstract class SharedInvocationState {

    static final ThreadLocal<String> CALLER = new ThreadLocal<>();
    static String lastCaller;

    static void remember(String caller) {
        CALLER.set(caller);
        lastCaller = caller;
    }
}
