package dev.atomicfunctions.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/** {@code cdk synth} / {@code cdk deploy} entry point (see cdk.json). */
public final class InfraApp {

    private InfraApp() {
    }

    public static void main(String[] args) {
        App app = app();
        StackSettings settings = StackSettings.from(app);
        new AtomicFunctionsStack(app, "AtomicFunctions", StackProps.builder()
            .env(Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build())
            .description("Atomic Functions: transactional tasks, products and orders API on Lambda, "
                + switch (settings.databaseEngine()) {
                    case RDS -> "RDS PostgreSQL behind RDS Proxy";
                    case AURORA -> "Aurora PostgreSQL Serverless v2 behind RDS Proxy";
                    case DSQL -> "Aurora DSQL";
                })
            .build(), settings);
        app.synth();
    }

    /** @return an app with the project's feature flags and both cdk-nag rule packs, as tests build it too */
    public static App app() {
        App app = new App(AppProps.builder().context(StackSettings.FEATURE_FLAGS).build());
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        Aspects.of(app).add(new ServerlessChecks(NagPackProps.builder().verbose(true).build()));
        return app;
    }
}
