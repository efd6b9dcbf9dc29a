package dev.atomicfunctions.http.request;

import dev.atomicfunctions.platform.error.VersionMismatchException;
import dev.atomicfunctions.platform.version.Precondition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        "\"99999999999999999999\" | false",
    })
    void honoursIfMatchWithStrongComparison(String ifMatch, boolean matches) {
        Precondition precondition = EntityTags.precondition(ifMatch);

        if (matches) {
            assertThatNoException().isThrownBy(() -> precondition.check("task", 3));
        } else {
            assertThatThrownBy(() -> precondition.check("task", 3)).isInstanceOf(VersionMismatchException.class);
        }
    }
}
