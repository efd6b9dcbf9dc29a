package dev.atomicfunctions;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/** Anchor for the OpenAPI document micronaut-openapi writes at compile time (META-INF/swagger/). */
@OpenAPIDefinition(info = @Info(title = "Atomic Functions", version = "0.1",
    description = "Tasks, products and orders behind API Gateway; every error is application/problem+json (RFC 9457)."),
    servers = @Server(url = "/", description = "Relative to where the API is served: API Gateway's invoke URL "
        + "(the stack's ApiUrl output) when deployed, http://localhost:8080 locally"))
@SecurityScheme(name = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
interface OpenApi {
}
