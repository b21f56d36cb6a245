package io.gitops4j.render.kustomize.internal.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.kustomize.internal.resource.Generator;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;

/**
 * Kustomize's {@code IAMPolicyGenerator}: for {@code cloud: gke}, a Kubernetes ServiceAccount
 * bound to a Google Cloud service account through GKE Workload Identity (the
 * {@code iam.gke.io/gcp-service-account} annotation). It creates nothing in Google Cloud.
 *
 * @param cloud the cloud provider; only {@code gke} is known, as in Kustomize
 * @param kubernetesName the ServiceAccount's name
 * @param kubernetesNamespace its namespace; empty for none
 * @param googleName the Google Cloud service account's name
 * @param projectId the Google Cloud project
 * @param origin where the generator is configured
 */
public record IAMPolicyGenerator(String cloud, String kubernetesName, String kubernetesNamespace, String googleName,
        String projectId, Origin origin) implements Generator {

    @Override
    public ResMap generate() {
        if (!cloud.equals("gke")) {
            throw new IllegalArgumentException("cloud provider " + cloud + " not supported yet");
        }
        ObjectNode account = JsonNodeFactory.instance.objectNode();
        account.put("apiVersion", "v1");
        account.put("kind", "ServiceAccount");
        ObjectNode metadata = account.putObject("metadata");
        metadata.putObject("annotations").put("iam.gke.io/gcp-service-account",
                googleName + "@" + projectId + ".iam.gserviceaccount.com");
        metadata.put("name", kubernetesName);
        if (!kubernetesNamespace.isEmpty()) {
            metadata.put("namespace", kubernetesNamespace);
        }
        ResMap generated = new ResMap();
        generated.append(new Resource(account, origin));
        return generated;
    }
}
