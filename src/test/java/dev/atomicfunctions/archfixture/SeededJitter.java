package dev.atomicfunctions.archfixture;

import java.util.Random;

/** Seeds a PRNG at construction, i.e. before a SnapStart snapshot, on purpose: {@code ArchitectureTest} must catch it. */
public abstract class SeededJitter {

    private final Random random = new Random();

    long delayMillis() {
        return 100 + random.nextInt(50);
    }
}
