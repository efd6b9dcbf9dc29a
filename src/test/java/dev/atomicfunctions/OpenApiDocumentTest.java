package dev.atomicfunctions;

import dev.atomicfunctions.http.problem.Problem;
import dev.atomicfunctions.support.OpenApiContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document written at compile time describes what the API really answers. */
class OpenApiDocumentTest {

    @Test
    void describesEveryErrorResponseAsProblemJson() {
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
    void listsTheStatusesEachOperationAnswersWith() {
        Map<String, Object> paths = map(document().get("paths"));

        assertThat(statuses(paths, "/tasks", "post")).contains("201", "400", "401", "415", "503");
        assertThat(statuses(paths, "/tasks", "get")).contains("200", "400", "401");
        assertThat(statuses(paths, "/tasks/{id}", "get")).contains("200", "404");
        assertThat(statuses(paths, "/tasks/{id}", "patch")).contains("200", "400", "404", "409", "412");
        assertThat(statuses(paths, "/tasks/{id}", "delete")).contains("204", "404", "409", "412");
    }

    @Test
    void documentsTheProblemShape() {
        Map<String, Object> problem = map(map(map(document().get("components")).get("schemas")).get("Problem"));

        assertThat(map(problem.get("properties")))
            .containsKeys("type", "title", "status", "detail", "instance", "correlationId", "errors");
    }

    private static List<String> statuses(Map<String, Object> paths, String path, String method) {
        return List.copyOf(map(map(map(paths.get(path)).get(method)).get("responses")).keySet());
    }

    private static Map<String, Object> document() {
        return OpenApiContract.load().document();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
