package dev.atomicfunctions.support;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event fixtures are AWS's own samples, unedited: each file's SHA-256 is the one recorded, with its source
 * repository, path and licence, in {@code aws-events/SOURCES.csv} (taken from the AWS-owned file when it was copied).
 * Runs on every clone: nothing outside the repository is read.
 */
class AwsEventSamplesTest {

    @ParameterizedTest(name = "{0} from {1}")
    @CsvFileSource(resources = "/aws-events/SOURCES.csv")
    void fixtureIsAnUneditedCopyOfTheAwsSample(String file, String repository, String path, String licence,
                                                String sha256) throws IOException, NoSuchAlgorithmException {
        try (InputStream sample = getClass().getResourceAsStream("/aws-events/" + file)) {
            assertThat(sample).as(file).isNotNull();
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sample.readAllBytes()));

            assertThat(actual).as(file + " (" + repository + ", " + path + ", " + licence + ")").isEqualTo(sha256);
        }
    }
}
