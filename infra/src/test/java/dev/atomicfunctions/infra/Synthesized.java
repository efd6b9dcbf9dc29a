package dev.atomicfunctions.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

import java.util.HashMap;
import java.util.Map;

/**
 * The stack as {@code cdk synth} builds it (same feature flags, both cdk-nag packs), synthesized once per test JVM:
 * offline, with no AWS credentials. The account and region are placeholders.
 */
final class Synthesized {

    static final String ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example";
    static final String AUDIENCE = "example-app-client";

    private static Synthesized instance;

    final AtomicFunctionsStack stack;
    final Template template;
    final Annotations annotations;

    private Synthesized(Map<String, Object> context, java.util.function.Consumer<AtomicFunctionsStack> extend) {
        App app = InfraApp.app();
        Map<String, Object> all = new HashMap<>(Map.of("jwtIssuer", ISSUER, "jwtAudience", AUDIENCE));
        all.putAll(context);
        all.forEach(app.getNode()::setContext);
        stack = new AtomicFunctionsStack(app, "AtomicFunctions", StackProps.builder()
            .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build(),
            StackSettings.from(app));
        extend.accept(stack);
        app.synth();
        template = Template.fromStack(stack);
        annotations = Annotations.fromStack(stack);
    }

    /** @return the stack as deployed by default */
    static synchronized Synthesized stack() {
        if (instance == null) {
            instance = new Synthesized(Map.of(), s -> { });
        }
        return instance;
    }

    /** @return a stack with other context values and additions made through its extension points */
    static Synthesized stack(Map<String, Object> context, java.util.function.Consumer<AtomicFunctionsStack> extend) {
        return new Synthesized(context, extend);
    }
}
