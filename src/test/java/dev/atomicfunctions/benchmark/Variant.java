package dev.atomicfunctions.benchmark;

import java.util.Locale;

/**
 * How a cold start is run. {@code lambda}: the managed runtime's way, handler classes from their own loader,
 * Lambda's JIT flags. {@code aot}: the same plus a JDK AOT cache for both real and floor (classes of a custom
 * loader are only partly covered by it). {@code aot-classpath}: the handler's jar on the application class path,
 * as a container image that starts the JVM itself can arrange, so the AOT cache also links its classes.
 * {@code snapstart}: not a cold start but what a SnapStart function runs before and after its snapshot, real handler
 * with and without priming (see {@code ColdStartBenchmark#snapStart}).
 */
enum Variant {
    LAMBDA("isolated", false, "Lambda flags, no AOT cache"),
    AOT("isolated", true, "Lambda flags + JDK AOT cache, runtime's class loader"),
    AOT_CLASSPATH("classpath", true, "Lambda flags + JDK AOT cache, jar on the class path"),
    SNAPSTART("isolated", false, "SnapStart, simulated: init, before-checkpoint (with or without priming), restore, "
        + "first invocation");

    private final String loader;
    private final boolean aotCache;
    private final String label;

    Variant(String loader, boolean aotCache, String label) {
        this.loader = loader;
        this.aotCache = aotCache;
        this.label = label;
    }

    static Variant of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    String loader() {
        return loader;
    }

    boolean aotCache() {
        return aotCache;
    }

    String label() {
        return label;
    }
}
