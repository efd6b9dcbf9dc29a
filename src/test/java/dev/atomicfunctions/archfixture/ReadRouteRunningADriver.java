package dev.atomicfunctions.archfixture;

import dev.atomicfunctions.task.TaskBatchRun;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.transaction.annotation.ReadOnly;

import java.util.List;

/**
 * A read-only route that runs a driver of commands (the batch's): the commands it runs would join the read-only
 * transaction instead of beginning their own. An adapter may call a driver only as it may call a command, from a
 * method that declares no transaction. Abstract and behind a property no context sets, so never a bean;
 * {@code ArchitectureTest} must catch it.
 */
@Requires(property = "atomic.archfixture")
@Controller("/fixture-read-driver")
public abstract class ReadRouteRunningADriver {

    private final TaskBatchRun batches;

    ReadRouteRunningADriver(TaskBatchRun batches) {
        this.batches = batches;
    }

    @Get(headRoute = false)
    @ReadOnly
    String find() {
        return batches.create(null, List.of(), false, null, String.class, items -> "").answer();
    }
}
