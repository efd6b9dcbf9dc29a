package dev.atomicfunctions.platform.error;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The generic failures name their entity in the problem's type, title and detail as the entity's own ones did. */
class EntityFailuresTest {

    @ParameterizedTest
    @CsvSource({
        "task, urn:atomic-functions:problem:task-not-found, Task not found, No task with this id exists.",
        "stock movement, urn:atomic-functions:problem:stock-movement-not-found, Stock movement not found, "
            + "No stock movement with this id exists."
    })
    void notFoundNamesTheEntity(String entity, String type, String title, String detail) {
        NotFoundException failure = new NotFoundException(entity);

        assertThat(failure.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(failure.type()).isEqualTo(type);
        assertThat(failure.title()).isEqualTo(title);
        assertThat(failure.getMessage()).isEqualTo(detail);
    }

    @ParameterizedTest
    @CsvSource({
        "order, Order has changed, Order changed concurrently, this order",
        "product, Product has changed, Product changed concurrently, this product"
    })
    void versionAndConcurrencyFailuresNameTheEntity(String entity, String mismatchTitle, String concurrentTitle,
                                                    String named) {
        VersionMismatchException mismatch = new VersionMismatchException(entity);
        ConcurrentlyModifiedException concurrent = new ConcurrentlyModifiedException(entity);

        assertThat(mismatch.type()).isEqualTo("urn:atomic-functions:problem:precondition-failed");
        assertThat(mismatch.title()).isEqualTo(mismatchTitle);
        assertThat(mismatch.getMessage()).startsWith("The " + entity + " no longer has the version given in If-Match");
        assertThat(concurrent.type()).isEqualTo("urn:atomic-functions:problem:concurrent-modification");
        assertThat(concurrent.title()).isEqualTo(concurrentTitle);
        assertThat(concurrent.getMessage()).contains("changed " + named + " at the same time");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "note | Give the note to change.",
        "name,priceMinor | Give at least one of name or priceMinor.",
        "title,description,completed | Give at least one of title, description or completed."
    })
    void anEmptyPatchSaysWhatCanChange(String fields, String detail) {
        EmptyPatchException failure = new EmptyPatchException(fields.split(","));

        assertThat(failure.kind()).isEqualTo(ErrorKind.INVALID);
        assertThat(failure.getMessage()).isEqualTo(detail);
    }
}
