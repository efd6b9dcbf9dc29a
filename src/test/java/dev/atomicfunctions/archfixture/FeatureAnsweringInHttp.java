package dev.atomicfunctions.archfixture;

import dev.atomicfunctions.http.problem.Problem;

/** A feature that answers in HTTP's terms, on purpose: {@code ArchitectureTest} must catch it. */
public abstract class FeatureAnsweringInHttp {

    Problem refused() {
        return new Problem("urn:atomic-functions:problem:fixture", "Refused", 422, "Refused.", null, null, null, null);
    }
}
