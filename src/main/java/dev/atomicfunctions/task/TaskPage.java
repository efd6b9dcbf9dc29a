package dev.atomicfunctions.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * One page of the caller's tasks, newest first.
 *
 * @param items      the tasks on this page
 * @param nextCursor pass as {@code cursor} to get the next page; {@code null} on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record TaskPage(List<TaskView> items, @Nullable String nextCursor) {
}
