package dev.atomicfunctions.platform.paging;

import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Position in a newest-first list: the (createdAt, id) of the last row a page returned. Opaque to callers. Keyset
 * pagination stays correct while rows are inserted or deleted between pages, unlike offsets. Every list of the API
 * pages this way ({@code ORDER BY created_at DESC, id DESC}, rows strictly after the cursor).
 *
 * @param createdAt the last row's creation time
 * @param id        the last row's id
 */
public record PageCursor(Instant createdAt, UUID id) {

    /** Before every row: the start of the list. */
    public static final PageCursor START = new PageCursor(Instant.parse("9999-12-31T00:00:00Z"),
        new UUID(-1L, -1L));

    /**
     * @param cursor a cursor this API issued, or {@code null}/empty for the first page
     * @return the position it names
     * @throws InvalidCursorException when the API did not issue it
     */
    public static PageCursor decode(@Nullable String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return START;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("/", 2);
            return new PageCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS),
                UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidCursorException();
        }
    }

    /** @return the opaque form given to callers */
    public String encode() {
        String raw = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt) + "/" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
