package dev.atomicfunctions.support;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document written at compile time, and the check that real responses are the documented ones. */
public final class OpenApiContract {

    private static final String DOCUMENT = "META-INF/swagger/atomic-functions-0.1.yml";
    private final Map<String, Object> document;

    private OpenApiContract(Map<String, Object> document) {
        this.document = document;
    }

    /**
     * One request and what came back.
     *
     * @param method      HTTP method
     * @param path        request path, without query
     * @param status      response status
     * @param contentType response content type, if any
     */
    public record Exchange(String method, String path, int status, String contentType) {
    }

    /** @return the document generated into the classpath */
    public static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT + " generated at compile time").isNotNull();
            return new OpenApiContract(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the whole document as parsed YAML */
    public Map<String, Object> document() {
        return document;
    }

    /**
     * Asserts that each exchange on a documented operation answered a documented status with a documented media type.
     * Exchanges on routes or methods the API does not have (404, 405) are not operations and are skipped.
     */
    public void assertDescribes(List<Exchange> exchanges) {
        assertThat(exchanges).isNotEmpty();
        for (Exchange exchange : exchanges) {
            operation(exchange).ifPresent(operation -> {
                Map<String, Object> responses = map(operation.get("responses"));
                String status = Integer.toString(exchange.status());
                assertThat(responses).as("documented statuses of %s %s", exchange.method(), exchange.path())
                    .containsKey(status);
                if (exchange.contentType() != null) {
                    String mediaType = exchange.contentType().split(";")[0].trim();
                    assertThat(map(map(responses.get(status)).get("content")))
                        .as("documented media type of %s %s -> %s", exchange.method(), exchange.path(), status)
                        .containsKey(mediaType);
                }
            });
        }
    }

    private Optional<Map<String, Object>> operation(Exchange exchange) {
        return map(document.get("paths")).entrySet().stream()
            .filter(path -> exchange.path().matches(path.getKey().replaceAll("\\{[^/]+}", "[^/]+")))
            .map(path -> map(path.getValue()).get(exchange.method().toLowerCase(Locale.ROOT)))
            .filter(operation -> operation != null)
            .map(OpenApiContract::map)
            .findFirst();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
