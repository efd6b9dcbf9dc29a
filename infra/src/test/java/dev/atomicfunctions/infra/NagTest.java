package dev.atomicfunctions.infra;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** cdk-nag's AwsSolutions and Serverless packs: no finding left that is not suppressed with a reason. */
class NagTest {

    @Test
    void leavesNoUnsuppressedFinding() {
        Synthesized synth = Synthesized.stack();

        List<String> findings = new ArrayList<>();
        for (SynthesisMessage m : synth.annotations.findError("*", Match.anyValue())) {
            findings.add("ERROR " + m.getId() + " " + m.getEntry().getData());
        }
        for (SynthesisMessage m : synth.annotations.findWarning("*", Match.anyValue())) {
            findings.add("WARN " + m.getId() + " " + m.getEntry().getData());
        }
        findings.forEach(System.out::println);
        assertThat(findings).isEmpty();
    }
}
