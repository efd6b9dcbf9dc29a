package dev.atomicfunctions;

import dev.atomicfunctions.shared.problem.Problem;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document written at compile time describes what the API really answers. */
class OpenApiDocumentTest {

    private static final String DOCUMENT = "META-INF/swagger/atomic-functions-0.1.yml";

    @Test
    void describesEveryErrorResponseAsProblemJson() throws IOException {
        Map<String, Object> paths = map(document().get("paths"));

        assertThat(paths).containsOnlyKeys("/tasks", "/tasks/{id}");
        paths.values().stream().map(OpenApiDocumentTest::map).flatMap(operations -> operations.values().stream())
            .map(OpenApiDocumentTest::map)
            .forEach(operation -> map(operation.get("responses")).forEach((status, response) -> {
                if (Integer.parseInt(status) >= 400) {
                    assertThat(map(map(response).get("content"))).as(operation.get("operationId") + " " + status)
                        .containsOnlyKeys(Problem.MEDIA_TYPE);
                }
            }));
    }

    @Test
    void listsTheStatusesEachOperationAnswersWith() throws IOException {
        Map<String, Object> paths = map(document().get("paths"));

        assertThat(statuses(paths, "/tasks", "post")).contains("201", "400", "401", "415", "503");
        assertThat(statuses(paths, "/tasks", "get")).contains("200", "400", "401");
        assertThat(statuses(paths, "/tasks/{id}", "get")).contains("200", "404");
        assertThat(statuses(paths, "/tasks/{id}", "patch")).contains("200", "400", "404", "409", "412");
        assertThat(statuses(paths, "/tasks/{id}", "delete")).contains("204", "404", "409", "412");
    }

    @Test
    void documentsTheProblemShape() throws IOException {
        Map<String, Object> problem = map(map(map(document().get("components")).get("schemas")).get("Problem"));

        assertThat(map(problem.get("properties")))
            .containsKeys("type", "title", "status", "detail", "instance", "correlationId", "errors");
    }

    private static List<String> statuses(Map<String, Object> paths, String path, String method) {
        return List.copyOf(map(map(map(paths.get(path)).get(method)).get("responses")).keySet());
    }

    private static Map<String, Object> document() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertThat(in).as(DOCUMENT + " generated at compile time").isNotNull();
            return new Yaml().load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
