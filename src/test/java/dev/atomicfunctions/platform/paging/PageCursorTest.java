package dev.atomicfunctions.platform.paging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageCursorTest {

    @Test
    void decodesWhatItEncodedToTheMicrosecond() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-22T08:58:17.629003Z"), UUID.randomUUID());

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void startsAtTheBeginningWithoutACursor() {
        assertThat(PageCursor.decode(null)).isEqualTo(PageCursor.START);
        assertThat(PageCursor.decode("")).isEqualTo(PageCursor.START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zzz", "bm90LWEtY3Vyc29y", "MTIzL25vdC1hLXV1aWQ", "%%%"})
    void rejectsCursorsItDidNotIssue(String cursor) {
        assertThatThrownBy(() -> PageCursor.decode(cursor)).isInstanceOf(InvalidCursorException.class);
    }
}
