package dev.atomicfunctions.platform.paging;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of a newest-first list read by keyset ({@link PageCursor}): the one way every list of the API pages.
 *
 * @param rows       at most the limit's rows, newest first
 * @param nextCursor the cursor of the next page, {@code null} on the last
 * @param <T>        the row
 */
public record KeysetPage<T extends Positioned>(List<T> rows, @Nullable String nextCursor) {

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
    public static <T extends Positioned> KeysetPage<T> read(@Nullable String cursor, int limit, Rows<T> rows) {
        PageCursor after = PageCursor.decode(cursor);
        List<T> read = rows.after(after.createdAt(), after.id(), limit + 1);
        List<T> page = read.subList(0, Math.min(limit, read.size()));
        String next = read.size() > limit ? new PageCursor(page.getLast().createdAt(), page.getLast().id()).encode()
            : null;
        return new KeysetPage<>(page, next);
    }
}
