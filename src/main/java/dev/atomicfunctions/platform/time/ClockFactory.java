package dev.atomicfunctions.platform.time;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/** The clock every timestamp comes from; tests may replace it. */
@Factory
final class ClockFactory {

    /**
     * UTC, in whole microseconds: PostgreSQL keeps {@code timestamptz} to the microsecond, so an instant read back is
     * the instant written (answers, ETags and cursors built before and after a round trip agree), with no truncation
     * at each use.
     */
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
