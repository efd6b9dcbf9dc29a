package dev.atomicfunctions.archfixture;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.transaction.annotation.ReadOnly;

/**
 * A read-only route that runs a command: the command would join the read-only transaction instead of beginning its
 * own. Abstract and behind a property no context sets, so never a bean; {@code ArchitectureTest} must catch it.
 */
@Requires(property = "atomic.archfixture")
@Controller("/fixture-read-command")
public abstract class ReadRouteRunningACommand {

    private final EntryPointInItsOwnTransaction command;

    ReadRouteRunningACommand(EntryPointInItsOwnTransaction command) {
        this.command = command;
    }

    @Get(headRoute = false)
    @ReadOnly
    String find() {
        command.record();
        return "";
    }
}
