package dev.atomicfunctions;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Anchor for the OpenAPI document micronaut-openapi writes at compile time (META-INF/swagger/). */
@OpenAPIDefinition(info = @Info(title = "Atomic Functions", version = "0.1",
    description = "Tasks API behind API Gateway; every error is application/problem+json (RFC 9457)."))
@SecurityScheme(name = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
interface OpenApi {
}
