package dev.atomicfunctions.product;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.Events;
import dev.atomicfunctions.support.TestDatabase;
import dev.atomicfunctions.support.TestLambdaContext;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import dev.atomicfunctions.http.request.HttpApiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who administers the catalogue, as API Gateway's authorizers tell it: the {@code products:write} scope (an HTTP
 * API's {@code jwt.scopes}, or the token's {@code scope} claim) or the {@code admin} group, in payload v2 and v1
 * events fed in process to the real handlers. The local gateway cannot send scopes, hence events here.
 */
@ExtendWith(TestDatabase.class)
class ProductAdministratorsIT {

    private static HttpApiFunction httpApi;
    private static ApiGatewayProxyRequestEventFunction restApi;
    private final String subject = "client-" + UUID.randomUUID();

    @BeforeAll
    static void buildHandlers() {
        httpApi = new HttpApiFunction();
        restApi = new ApiGatewayProxyRequestEventFunction();
    }

    @AfterAll
    static void closeHandlers() {
        httpApi.close();
        restApi.close();
    }

    @Test
    void admitsTheProductsWriteScopeOfAnHttpApiToken() {
        String sku = "scoped-" + UUID.randomUUID();
        APIGatewayV2HTTPEvent event = create(sku);
        event.getRequestContext().getAuthorizer().getJwt().setScopes(List.of("openid", "products:write"));

        assertThat(httpApi.handleRequest(event, new TestLambdaContext("products-api")).getStatusCode()).isEqualTo(201);
        assertThat(Db.count("SELECT count(*) FROM product WHERE sku = ?", sku)).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ? AND action = 'CREATE'", subject))
            .isEqualTo(1);
    }

    @Test
    void admitsTheProductsWriteScopeInTheScopeClaim() {
        String sku = "claimed-" + UUID.randomUUID();
        APIGatewayV2HTTPEvent event = create(sku);
        claim(event, "scope", "openid products:write");

        assertThat(httpApi.handleRequest(event, new TestLambdaContext("products-api")).getStatusCode()).isEqualTo(201);
        assertThat(Db.count("SELECT count(*) FROM product WHERE sku = ?", sku)).isEqualTo(1);
    }

    @Test
    void refusesOtherScopesAndGroupsAndWritesNothing() {
        String sku = "unscoped-" + UUID.randomUUID();
        APIGatewayV2HTTPEvent event = create(sku);
        event.getRequestContext().getAuthorizer().getJwt().setScopes(List.of("products:read", "products:write:all"));
        claim(event, "cognito:groups", "[users administrators]");

        assertThat(httpApi.handleRequest(event, new TestLambdaContext("products-api")).getStatusCode()).isEqualTo(403);
        assertThat(Db.count("SELECT count(*) FROM product WHERE sku = ?", sku)).isZero();
        assertThat(Db.count("SELECT count(*) FROM audit_entry WHERE actor = ?", subject)).isZero();
    }

    @Test
    void admitsTheAdminGroupOfARestApiCognitoAuthorizer() {
        String sku = "grouped-" + UUID.randomUUID();
        APIGatewayProxyRequestEvent event = Events.v1("POST", "/products", subject, body(sku));
        event.getRequestContext().setAuthorizer(Map.of("claims", Map.of("sub", subject,
            "cognito:groups", "users,admin")));

        assertThat(restApi.handleRequest(event, new TestLambdaContext("products-api")).getStatusCode())
            .isEqualTo(201);
        assertThat(Db.count("SELECT count(*) FROM product WHERE sku = ?", sku)).isEqualTo(1);
    }

    private APIGatewayV2HTTPEvent create(String sku) {
        return Events.v2("POST", "/products", subject, body(sku));
    }

    private static String body(String sku) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"Scoped\",\"priceMinor\":1,\"currency\":\"EUR\"}";
    }

    private static void claim(APIGatewayV2HTTPEvent event, String name, String value) {
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put(name, value);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
    }
}
