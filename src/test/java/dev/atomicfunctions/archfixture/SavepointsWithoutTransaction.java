package dev.atomicfunctions.archfixture;

import dev.atomicfunctions.platform.transaction.Savepoints;

/**
 * Makes two savepoints with no transaction around them (it is called by {@link HandlerOutsideEveryTransaction}):
 * {@code NESTED} would begin a transaction for each and commit it, two commits that no entry point owns.
 * {@code Savepoints} refuses at run time; {@code ArchitectureTest} must catch it before.
 */
public abstract class SavepointsWithoutTransaction {

    private final Savepoints savepoints;

    SavepointsWithoutTransaction(Savepoints savepoints) {
        this.savepoints = savepoints;
    }

    int restockTwice() {
        return savepoints.attempt(() -> 1) + savepoints.attempt(() -> 1);
    }
}
