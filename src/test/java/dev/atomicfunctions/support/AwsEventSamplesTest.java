package dev.atomicfunctions.support;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The event fixtures are AWS's own samples, unedited: byte for byte the copies in the shared folder. */
class AwsEventSamplesTest {

    private static final Path SHARED = Path.of("..", "shared", "aws-events");

    @ParameterizedTest
    @ValueSource(strings = {"apigw-v2-http-post-jwt-java-tests.json", "apigw-v2-http-no-authorizer.json",
        "apigw-v1-rest-aws-proxy-post.json", "sqs-three-records-json-bodies.json", "sqs-fifo-three-records.json",
        "eventbridge-scheduled-event.json"})
    void fixtureIsAnUneditedCopyOfTheAwsSample(String name) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(SHARED), "the shared samples folder is beside the checkout");

        assertThat(Path.of("src", "test", "resources", "aws-events", name)).hasSameBinaryContentAs(SHARED.resolve(name));
    }
}
