package dev.atomicfunctions.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

import static software.amazon.awscdk.services.logs.RetentionDays.ONE_MONTH;

/** Every log group of the stack: kept 30 days (enough to investigate, bounded in cost), deleted with the stack. */
final class Logs {

    private Logs() {
    }

    /** @return a new log group with the stack's retention */
    static LogGroup group(Construct scope, String id) {
        return builder(scope, id).build();
    }

    /** @return a log group with the stack's retention and a fixed name (one a service writes to by convention) */
    static LogGroup named(Construct scope, String id, String name) {
        return builder(scope, id).logGroupName(name).build();
    }

    private static LogGroup.Builder builder(Construct scope, String id) {
        return LogGroup.Builder.create(scope, id).retention(ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY);
    }
}
