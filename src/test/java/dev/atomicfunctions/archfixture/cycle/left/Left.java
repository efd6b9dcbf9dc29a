package dev.atomicfunctions.archfixture.cycle.left;

import dev.atomicfunctions.archfixture.cycle.right.Right;

/** Half of a package cycle, on purpose. */
public abstract class Left {
    abstract Right right();
}
