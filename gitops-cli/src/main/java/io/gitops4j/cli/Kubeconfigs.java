package io.gitops4j.cli;

import io.fabric8.kubernetes.client.Config;
import io.gitops4j.kube.GitOpsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cluster configuration of a kubeconfig file, or fabric8's usual search when none is given. */
final class Kubeconfigs {

    private Kubeconfigs() {
    }

    /**
     * @param kubeconfig the file, or {@code null} for {@code $KUBECONFIG}, then {@code ~/.kube/config}
     * @throws GitOpsException naming the file when it cannot be read
     */
    static Config load(Path kubeconfig) {
        if (kubeconfig == null) {
            return Config.autoConfigure(null);
        }
        try {
            return Config.fromKubeconfig(null, Files.readString(kubeconfig, StandardCharsets.UTF_8), kubeconfig.toString());
        } catch (IOException e) {
            throw new GitOpsException("cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
    }
}
