package dev.atomicfunctions.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document written at compile time, and a real OpenAPI validator (Atlassian's swagger-request-validator)
 * that checks real exchanges against it: every response, headers and body included, and the request of every
 * success (a request the API accepted must be one the document accepts).
 */
public final class OpenApiContract {

    /** Where micronaut-openapi writes the document, on the classpath. */
    public static final String DOCUMENT = "META-INF/swagger/atomic-functions-0.1.yml";
    private static final OpenApiContract INSTANCE = new OpenApiContract(read());

    private final Map<String, Object> document;
    private final OpenApiInteractionValidator validator;

    private OpenApiContract(String yaml) {
        this.document = new Yaml().load(yaml);
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(yaml)
            // Deployed, API Gateway verifies the JWT the document asks for; locally X-Dev-Subject stands for it.
            .withLevelResolver(LevelResolver.create()
                .withLevel("validation.request.security.missing", ValidationReport.Level.IGNORE).build())
            // A problem with extension members is allOf Problem and its members: merged, so that neither part
            // refuses the other's members as undeclared.
            .withResolveCombinators(true)
            .build();
    }

    /**
     * One request and what came back.
     *
     * @param method          HTTP method
     * @param target          request path and query
     * @param requestHeaders  headers sent
     * @param requestBody     body sent, or {@code null}
     * @param status          response status
     * @param responseHeaders headers received
     * @param responseBody    body received (empty when none)
     */
    public record Exchange(String method, String target, Map<String, List<String>> requestHeaders,
                           String requestBody, int status, Map<String, List<String>> responseHeaders,
                           String responseBody) {

        String path() {
            return URI.create(target).getPath();
        }

        /** @return the documented operation and status this exchange exercised, such as {@code POST /tasks 201} */
        String described(String template) {
            return method + " " + template + " " + status;
        }
    }

    /** @return the document generated into the classpath */
    public static OpenApiContract load() {
        return INSTANCE;
    }

    /** @return the whole document as parsed YAML */
    public Map<String, Object> document() {
        return document;
    }

    /**
     * Asserts that each exchange on a documented operation is one the document describes. Exchanges on routes or
     * methods the API does not have (404, 405) are not operations and are skipped.
     *
     * @return the operations and statuses the exchanges exercised, such as {@code POST /tasks 201}
     */
    public List<String> assertDescribes(List<Exchange> exchanges) {
        assertThat(exchanges).isNotEmpty();
        return exchanges.stream()
            .flatMap(exchange -> template(exchange).stream().map(template -> {
                ValidationReport report = exchange.status() < 300 && !partial(exchange)
                    ? validator.validate(request(exchange), response(exchange))
                    : validator.validateResponse(exchange.path(), Request.Method.valueOf(exchange.method()),
                        response(exchange));
                assertThat(report.getMessages()).as("%s %s -> %d: %s", exchange.method(), exchange.target(),
                    exchange.status(), exchange.responseBody()).isEmpty();
                return exchange.described(template);
            }))
            .distinct()
            .toList();
    }

    /** @return every documented operation and status, such as {@code POST /tasks 201} */
    public List<String> documentedStatuses() {
        return map(document.get("paths")).entrySet().stream()
            .flatMap(path -> map(path.getValue()).entrySet().stream()
                .flatMap(operation -> map(map(operation.getValue()).get("responses")).keySet().stream()
                    .map(status -> operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + status)))
            .toList();
    }

    /**
     * A batch answered 200 with failed items took items the document does not call valid, by design: each fails
     * alone. Its request is not held to the document; its response is.
     */
    private static boolean partial(Exchange exchange) {
        return exchange.responseBody().matches("(?s).*\"failed\":[1-9].*");
    }

    private Optional<String> template(Exchange exchange) {
        return map(document.get("paths")).entrySet().stream()
            .filter(path -> exchange.path().matches(path.getKey().replaceAll("\\{[^/]+}", "[^/]+")))
            .filter(path -> map(path.getValue()).containsKey(exchange.method().toLowerCase(Locale.ROOT)))
            .map(Map.Entry::getKey)
            .findFirst();
    }

    private static Request request(Exchange exchange) {
        URI target = URI.create(exchange.target());
        SimpleRequest.Builder request = new SimpleRequest.Builder(exchange.method(), target.getPath());
        if (target.getRawQuery() != null) {
            for (String pair : target.getRawQuery().split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.withQueryParam(decode(nameValue[0]), nameValue.length > 1 ? decode(nameValue[1]) : "");
            }
        }
        exchange.requestHeaders().forEach(request::withHeader);
        if (exchange.requestBody() != null) {
            request.withBody(exchange.requestBody());
        }
        return request.build();
    }

    private static SimpleResponse response(Exchange exchange) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(exchange.status());
        exchange.responseHeaders().forEach(response::withHeader);
        if (!exchange.responseBody().isEmpty()) {
            response.withBody(exchange.responseBody());
        }
        return response.build();
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String read() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT + " generated at compile time").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
