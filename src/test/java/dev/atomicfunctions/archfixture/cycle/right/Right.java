package dev.atomicfunctions.archfixture.cycle.right;

import dev.atomicfunctions.archfixture.cycle.left.Left;

/** The other half of a package cycle, on purpose. */
public abstract class Right {
    abstract Left left();
}
