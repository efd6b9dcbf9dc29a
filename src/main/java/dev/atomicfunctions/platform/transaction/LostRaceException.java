package dev.atomicfunctions.platform.transaction;

/**
 * Another transaction committed, after this one looked, the row this one was about to write, and the database
 * answered with a refusal that cannot tell the race from a real conflict (a unique violation). Without a savepoint
 * (DSQL) the transaction cannot read the winner any more: it is run again whole, as after a serialization failure
 * ({@link TransientFailure#CONTENTION}), and then finds the winner where it looks first.
 */
public final class LostRaceException extends RuntimeException {

    public LostRaceException(Throwable refusal) {
        super("another transaction committed the same row first", refusal);
    }
}
