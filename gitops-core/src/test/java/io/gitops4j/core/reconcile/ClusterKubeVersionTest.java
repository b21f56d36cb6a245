package io.gitops4j.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster's {@code major.minor} read as Argo CD reads it before passing it to Helm. */
class ClusterKubeVersionTest {

    @Test
    void majorMinorBecomesAVersionAndProviderSuffixesAreDropped() {
        assertThat(ClusterKubeVersion.parse("1.31")).contains("1.31.0");
        assertThat(ClusterKubeVersion.parse("1.30+")).as("GKE and EKS report minor '30+'").contains("1.30.0");
        assertThat(ClusterKubeVersion.parse("v1.29.4-eks-1")).contains("1.29.0");
        assertThat(ClusterKubeVersion.parse("latest")).isEqualTo(Optional.empty());
    }
}
