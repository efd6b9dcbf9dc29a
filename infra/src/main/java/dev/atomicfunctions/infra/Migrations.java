package dev.atomicfunctions.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.triggers.InvocationType;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

import java.util.List;

/**
 * Runs the migration function once per deployment, synchronously, after the database (and its proxy) exist and before
 * any API function's {@code live} alias moves to the new version: the new code never serves an old schema. A failed
 * migration fails the deployment, and CloudFormation rolls back. The trigger runs again whenever the function's
 * code or configuration changes (every new jar).
 */
final class Migrations extends Construct {

    private final Trigger trigger;

    Migrations(Construct scope, String id, AtomicFunction migration, SqlDatabase database) {
        super(scope, id);
        trigger = Trigger.Builder.create(this, "Run")
            .handler(migration.function())
            .invocationType(InvocationType.REQUEST_RESPONSE)
            // A little longer than the function may run, so its own timeout answers first.
            .timeout(migration.settings().timeout().plus(Duration.minutes(1)))
            .executeAfter(List.of(database))
            .build();
    }

    /** The aliases of {@code functions} move to their new version only after the migrations succeeded. */
    void runBefore(AtomicFunction... functions) {
        for (AtomicFunction function : functions) {
            trigger.executeBefore(function.live());
        }
    }
}
