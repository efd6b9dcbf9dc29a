package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CloudFormation's validation bundled with aws-cdk-lib ({@code @aws-cdk/core:validateAgainstDefaultRules}) runs
 * at every synth: the stack passes it, and a template CloudFormation would reject fails the synth.
 */
class ValidationTest {

    @Test
    void synthesizesTheStackWithCloudFormationValidationOn() {
        Synthesized synth = Synthesized.stack();

        assertThat(synth.stack.getNode().tryGetContext("@aws-cdk/core:validateAgainstDefaultRules")).isEqualTo(true);
        assertThat(synth.template.toJSON()).containsKey("Resources");
    }

    @Test
    void failsTheSynthOfATemplateCloudFormationWouldReject() {
        App app = InfraApp.app();
        Stack stack = new Stack(app, "Broken");
        CfnResource.Builder.create(stack, "Queue").type("AWS::SQS::Queue")
            .properties(Map.of("VisibilityTimeout", "not a number", "NoSuchProperty", true)).build();

        assertThatThrownBy(app::synth).hasMessageContaining("Validation failed");
    }
}
