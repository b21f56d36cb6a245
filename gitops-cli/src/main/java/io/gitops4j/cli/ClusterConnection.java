package io.gitops4j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.kube.GitOpsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fabric8 client for a kubeconfig file, or for {@code $KUBECONFIG} / {@code ~/.kube/config} when none is given. */
final class ClusterConnection {

    private ClusterConnection() {
    }

    static KubernetesClient client(Path kubeconfig) {
        Config config;
        if (kubeconfig == null) {
            config = Config.autoConfigure(null);
        } else {
            try {
                config = Config.fromKubeconfig(null, Files.readString(kubeconfig, StandardCharsets.UTF_8),
                        kubeconfig.toString());
            } catch (IOException e) {
                throw new GitOpsException("cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
            }
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
