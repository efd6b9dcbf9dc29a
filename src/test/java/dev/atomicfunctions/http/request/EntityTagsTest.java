package dev.atomicfunctions.http.request;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EntityTagsTest {

    @ParameterizedTest(name = "If-Match [{0}] against version 3 -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL         | true",
        "\"3\"        | true",
        "*            | true",
        "\"1\", \"3\" | true",
        "\"2\"        | false",
        "W/\"3\"      | false",
        "3            | false",
    })
    void honoursIfMatchWithStrongComparison(String ifMatch, boolean matches) {
        assertThat(EntityTags.matches(ifMatch, 3)).isEqualTo(matches);
    }
}
