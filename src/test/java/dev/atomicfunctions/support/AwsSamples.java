package dev.atomicfunctions.support;

import java.util.function.Supplier;

/**
 * Reads AWS's event samples (aws-lambda-java-tests' {@code EventLoader}) one at a time. The loader's shared Jackson
 * mapper is not safe for concurrent use: read from many threads at once, it was once left unable to read a date, for
 * every later test in the JVM.
 */
public final class AwsSamples {

    private static final Object LOCK = new Object();

    private AwsSamples() {
    }

    public static <T> T read(Supplier<T> sample) {
        synchronized (LOCK) {
            return sample.get();
        }
    }
}
