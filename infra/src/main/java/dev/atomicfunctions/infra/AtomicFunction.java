package dev.atomicfunctions.infra;

import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;

/**
 * A deployed function of the jar.
 *
 * @param function the function
 * @param live     the alias on its published version: what callers invoke
 * @param logs     its log group
 * @param settings what it was built from
 */
record AtomicFunction(Function function, Alias live, LogGroup logs, FunctionSettings settings) {
}
