package dev.atomicfunctions.platform.invocation;

import org.slf4j.MDC;

/**
 * The end of an invocation on its thread. On Lambda Managed Instances one environment runs many invocations at once,
 * each on an OS thread of its own, and a thread serves invocation after invocation: what an invocation keeps per
 * thread (its {@link Deadline}, its log context) is cleared when it ends, however it ends, so that none reaches the
 * next. Every Lambda handler calls it last.
 */
public final class InvocationEnd {

    private InvocationEnd() {
    }

    public static void clear() {
        Deadline.clear();
        MDC.clear();
    }
}
