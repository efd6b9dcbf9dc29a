package dev.atomicfunctions;

import dev.atomicfunctions.http.problem.Problem;
import dev.atomicfunctions.support.OpenApiContract;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document written at compile time describes what the API really answers. */
class OpenApiDocumentTest {

    /**
     * A standard linter, pinned with its lock file in src/test/openapi-lint: Redocly's recommended-strict rules,
     * warnings included; the one rule turned off says why in redocly.yaml.
     */
    @Test
    void lintsCleanWithRedocly() throws Exception {
        Path source = Path.of("src/test/openapi-lint");
        Path work = Path.of("target/openapi-lint");
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "redocly.yaml")) {
            Files.copy(source.resolve(file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(work.resolve("node_modules/@redocly/cli"))) {
            assertThat(run(work, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error").exitCode()).isZero();
        }
        Path document = Path.of(OpenApiContract.class.getClassLoader().getResource(OpenApiContract.DOCUMENT).toURI());

        Run lint = run(work, "node_modules/.bin/redocly", "lint", "--config", "redocly.yaml", document.toString());

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("Your API description is valid");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @Test
    void describesEveryErrorResponseAsProblemJson() {
        Map<String, Object> paths = map(document().get("paths"));

        assertThat(paths).containsOnlyKeys("/tasks", "/tasks/batch", "/tasks/{id}", "/products", "/products/{id}",
            "/products/{id}/stock-movements", "/products/{id}/stock-movements/{movementId}", "/orders", "/orders/{id}",
            "/orders/{id}/cancel");
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
        assertThat(statuses(paths, "/tasks/{id}", "patch")).contains("200", "400", "404", "409", "412", "415");
        assertThat(statuses(paths, "/tasks/{id}", "delete")).contains("204", "404", "409", "412");
        assertThat(statuses(paths, "/products", "post")).contains("201", "400", "401", "403", "409", "415", "422", "503");
        assertThat(statuses(paths, "/products", "get")).contains("200", "400", "401");
        assertThat(statuses(paths, "/products/{id}", "get")).contains("200", "404");
        assertThat(statuses(paths, "/products/{id}", "patch"))
            .contains("200", "400", "403", "404", "409", "412", "415");
        assertThat(statuses(paths, "/products/{id}/stock-movements", "post"))
            .contains("201", "400", "403", "404", "409", "415", "422");
        assertThat(statuses(paths, "/products/{id}/stock-movements", "get")).contains("200", "400", "404");
        assertThat(statuses(paths, "/products/{id}/stock-movements/{movementId}", "get")).contains("200", "404");
        assertThat(statuses(paths, "/tasks/batch", "post"))
            .contains("200", "400", "401", "409", "413", "415", "422", "500", "503");
    }

    @Test
    void documentsTheProblemShape() {
        Map<String, Object> problem = map(map(map(document().get("components")).get("schemas")).get("Problem"));

        assertThat(map(problem.get("properties")))
            .containsKeys("type", "title", "status", "detail", "instance", "correlationId", "errors");
    }

    /** Every PATCH refuses an empty body: the document says so, so that a client's validator refuses it first. */
    @Test
    void everyPatchBodyNeedsAtLeastOneField() {
        Map<String, Object> schemas = map(map(document().get("components")).get("schemas"));

        assertThat(schemas.keySet()).filteredOn(name -> name.endsWith("Patch"))
            .containsExactlyInAnyOrder("TaskPatch", "ProductPatch", "OrderPatch")
            .allSatisfy(name -> assertThat(map(schemas.get(name))).containsEntry("minProperties", 1));
    }

    /**
     * JSON Schema patterns are ECMA-262 regular expressions: contract validators and test generators (JavaScript
     * tooling above all) compile them as such, and one they cannot compile silently disables body validation.
     * Node.js, which the build needs for the CDK anyway, compiles each one with the {@code u} flag, as ajv does.
     */
    @Test
    void everyPatternCompilesAsAnEcmaScriptRegularExpression() throws Exception {
        List<String> patterns = new ArrayList<>();
        collectPatterns(document(), patterns);
        assertThat(patterns).as("patterns in the document").isNotEmpty();

        Process node = new ProcessBuilder("node", "-e", """
            const patterns = JSON.parse(require('fs').readFileSync(0, 'utf8'));
            for (const p of patterns) {
              try { new RegExp(p, 'u'); } catch (e) { console.log(p + ' -> ' + e.message); process.exitCode = 1; }
            }""").redirectErrorStream(true).start();
        try (OutputStream in = node.getOutputStream()) {
            in.write(ObjectMapper.getDefault().writeValueAsBytes(patterns));
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(node.waitFor()).as(output).isZero();
    }

    private static void collectPatterns(Object node, List<String> patterns) {
        if (node instanceof Map<?, ?> object) {
            object.forEach((key, value) -> {
                if ("pattern".equals(key) && value instanceof String pattern) {
                    patterns.add(pattern);
                } else {
                    collectPatterns(value, patterns);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectPatterns(item, patterns));
        }
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
