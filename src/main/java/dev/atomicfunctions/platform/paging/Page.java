package dev.atomicfunctions.platform.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a newest-first list, as every list of the API answers it, read by keyset ({@link PageCursor}).
 *
 * @param items      what is on this page, newest first
 * @param nextCursor pass as {@code cursor} to get the next page; {@code null} on the last page
 * @param <T>        what the page lists
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Page<T>(List<T> items, @Nullable String nextCursor) {

    /** The rows strictly after a position, newest first, at most {@code count}. */
    @FunctionalInterface
    public interface Rows<T> {
        List<T> after(Instant createdAt, UUID id, int count);
    }

    /**
     * Reads one row more than the limit: it is not returned, it only tells that there is a next page.
     *
     * @param cursor a cursor this API issued, or {@code null} for the first page
     * @throws InvalidCursorException when the API did not issue the cursor
     */
    public static <T extends Positioned> Page<T> read(@Nullable String cursor, int limit, Rows<T> rows) {
        PageCursor after = PageCursor.decode(cursor);
        List<T> read = rows.after(after.createdAt(), after.id(), limit + 1);
        List<T> page = read.subList(0, Math.min(limit, read.size()));
        String next = read.size() > limit ? new PageCursor(page.getLast().createdAt(), page.getLast().id()).encode()
            : null;
        return new Page<>(page, next);
    }

    /** @return the same page, each item shown as {@code view} shows it */
    public <V> Page<V> map(Function<T, V> view) {
        return new Page<>(items.stream().map(view).toList(), nextCursor);
    }
}
