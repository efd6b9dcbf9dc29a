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
        assertThat(findings(Synthesized.stack())).isEmpty();
    }

    /** @return every error and warning annotation: cdk-nag findings, CDK warnings, validation findings */
    static List<String> findings(Synthesized synth) {
        List<String> findings = new ArrayList<>();
        for (SynthesisMessage m : synth.annotations.findError("*", Match.anyValue())) {
            findings.add("ERROR " + m.getId() + " " + m.getEntry().getData());
        }
        for (SynthesisMessage m : synth.annotations.findWarning("*", Match.anyValue())) {
            findings.add("WARN " + m.getId() + " " + m.getEntry().getData());
        }
        return findings;
    }
}
