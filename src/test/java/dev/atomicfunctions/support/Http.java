package dev.atomicfunctions.support;

import dev.atomicfunctions.local.LocalApiGateway;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP client against the {@link LocalApiGateway}, speaking as a given caller. */
public final class Http {

    private static final ObjectMapper JSON = ObjectMapper.getDefault();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<OpenApiContract.Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final int port;

    public Http(int port) {
        this.port = port;
    }

    /** What came back. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** @return the body parsed as a JSON object */
        public Map<String, Object> json() {
            try {
                return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    /**
     * @param method  HTTP method
     * @param path    path and query
     * @param subject the caller ({@code null}: no identity)
     * @param body    JSON body or {@code null}
     * @param headers further header name/value pairs
     */
    public Response send(String method, String path, String subject, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (subject != null) {
            request.header(LocalApiGateway.DEV_SUBJECT_HEADER, subject);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = client.send(sent, HttpResponse.BodyHandlers.ofString());
            exchanges.add(new OpenApiContract.Exchange(method, path, sent.headers().map(), body,
                response.statusCode(), response.headers().map(), response.body()));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return every exchange this client made, for checking them against the OpenAPI document */
    public List<OpenApiContract.Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** @return JSON text of the given map */
    public static String json(Map<String, ?> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
