package io.gitops4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argo CD's resources finalizers, in each of the forms its API server sets. */
class CascadeTest {

    @Test
    void theForegroundFormArgocdAppDeleteSetsForAPropagationPolicyIsForeground() {
        assertThat(Cascade.ofFinalizer("resources-finalizer.argocd.argoproj.io/foreground")).isEqualTo(Cascade.FOREGROUND);
    }

    @Test
    void theBareAndBackgroundFormsAndOthers() {
        assertThat(Cascade.ofFinalizer("resources-finalizer.argocd.argoproj.io")).isEqualTo(Cascade.FOREGROUND);
        assertThat(Cascade.ofFinalizer("resources-finalizer.argocd.argoproj.io/background")).isEqualTo(Cascade.BACKGROUND);
        assertThat(Cascade.ofFinalizer("resources-finalizer.argocd.argoproj.io/orphan")).isEqualTo(Cascade.NONE);
        assertThat(Cascade.ofFinalizer("")).isEqualTo(Cascade.NONE);
        assertThat(Cascade.ofFinalizer("example.com/keep")).isEqualTo(Cascade.NONE);
    }
}
