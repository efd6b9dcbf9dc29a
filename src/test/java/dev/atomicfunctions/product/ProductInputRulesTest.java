package dev.atomicfunctions.product;

import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.InProcessApi;
import dev.atomicfunctions.support.InProcessApi.Answer;
import dev.atomicfunctions.support.InProcessApi.SentAs;
import dev.atomicfunctions.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input rules of the products API, one row of {@code requests/product-input-rules.csv} per case, each request
 * body a fixture file, fed in process to the real v1 and v2 handlers, as an administrator. A refused request writes
 * nothing: no product, no stock movement, no audit row, no change to the product it names.
 */
@ExtendWith(TestDatabase.class)
class ProductInputRulesTest {

    private static final String ADMIN_GROUPS = "users,admin";
    private static InProcessApi api;

    @BeforeAll
    static void buildHandlers() {
        api = new InProcessApi();
    }

    @AfterAll
    static void closeHandlers() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/requests/product-input-rules.csv")
    void answersEachInputAsTheRuleSays(String rule, String payload, String method, String path, String bodyFile,
                                       String sentAs, int status, String field, String message) {
        String admin = "rules-" + UUID.randomUUID();
        String sku = "rules-" + UUID.randomUUID();
        String productId = path.contains("{id}") ? seed(admin) : null;
        String body = bodyFile == null ? null : InProcessApi.fixture("products/" + bodyFile).replace("{sku}", sku);

        Answer answer = api.send(payload, method, path.replace("{id}", String.valueOf(productId)), admin, ADMIN_GROUPS,
            body, SentAs.of(sentAs));

        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        if (status >= 400) {
            answer.assertCleanProblem(field, message);
            assertNothingWrittenFor(admin, sku, productId);
        }
    }

    private static void assertNothingWrittenFor(String admin, String sku, String productId) {
        assertThat(Db.count("SELECT count(*) FROM product WHERE lower(sku) = lower(?)", sku)).isZero();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", admin))
            .isEqualTo(productId == null ? 0 : 1);
        assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE actor = ?", admin))
            .isEqualTo(productId == null ? 0 : 1);
        if (productId != null) {
            assertThat(Db.rows("SELECT name, price_minor, stock, version FROM product WHERE id = ?::uuid", productId))
                .containsExactly(Map.of("name", "Seeded", "price_minor", 100L, "stock", 10, "version", 2L));
        }
    }

    /** @return a product with 10 in stock, created by this administrator */
    private static String seed(String admin) {
        Answer created = api.send("v2", "POST", "/products", admin, ADMIN_GROUPS, "{\"sku\":\"seed-" + UUID.randomUUID()
            + "\",\"name\":\"Seeded\",\"priceMinor\":100,\"currency\":\"EUR\",\"initialStock\":10}", SentAs.JSON);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return (String) created.json().get("id");
    }
}
