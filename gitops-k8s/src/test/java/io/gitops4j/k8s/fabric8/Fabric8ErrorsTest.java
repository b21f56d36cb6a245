package io.gitops4j.k8s.fabric8;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gitops4j.cluster.ApplyConflictException;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.FieldConflict;
import org.junit.jupiter.api.Test;

/** Server-side apply conflicts as a real API server words them, read back into {@link FieldConflict}s. */
class Fabric8ErrorsTest {

    @Test
    void readsConflictsWithAppliersUpdatersAndSubresourceWriters() {
        Status status = new StatusBuilder().withCode(409).withReason("Conflict")
                .withMessage("Apply failed with 3 conflicts: ...")
                .withNewDetails()
                .addNewCause().withReason("FieldManagerConflict").withMessage("conflict with \"argocd-controller\"")
                .withField(".spec.template.spec.containers[name=\"web\"].image").endCause()
                .addNewCause().withReason("FieldManagerConflict")
                .withMessage("conflict with \"kubectl-edit\" using apps/v1 at 2026-11-30T10:15:00Z")
                .withField(".metadata.labels.tier").endCause()
                .addNewCause().withReason("FieldManagerConflict").withMessage(
                        "conflict with \"kube-controller-manager\" with subresource \"scale\" using apps/v1 at 2026-12-01T08:00:00Z")
                .withField(".spec.replicas").endCause()
                .endDetails().build();

        ClusterException error = Fabric8Errors.toClusterException("apply deployments/web",
                new KubernetesClientException(status));

        assertThat(error).isInstanceOfSatisfying(ApplyConflictException.class, conflict ->
                assertThat(conflict.conflicts()).containsExactly(
                        new FieldConflict("argocd-controller", "", ".spec.template.spec.containers[name=\"web\"].image"),
                        new FieldConflict("kubectl-edit", "apps/v1", ".metadata.labels.tier"),
                        new FieldConflict("kube-controller-manager", "apps/v1", ".spec.replicas", "scale")));
    }
}
