package io.gitops4j.core.argocd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ListOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Argo CD's repository Secrets of a namespace as the API server serves them, read once for all
 * their readers: one LIST per label value ({@code argocd.argoproj.io/secret-type: repository} and
 * {@code repo-creds}) and the {@code ssh_known_hosts} of {@code argocd-ssh-known-hosts-cm}; the
 * Git credentials ({@link #git()}) and the Helm registry logins ({@link #helm()}) are both read
 * from these objects, so a controller's start lists each kind of repository Secret once.
 *
 * <pre>{@code
 * RepositorySecretObjects secrets = RepositorySecretObjects.fromCluster(cluster, "argocd");
 * RepositorySecrets git = secrets.git();
 * HelmRepositorySecrets helm = secrets.helm();
 * }</pre>
 *
 * @param secrets the repository and {@code repo-creds} Secrets, as served ({@code data} base64)
 * @param knownHosts the {@code known_hosts} lines SSH host keys must match; empty when none are given
 */
public record RepositorySecretObjects(List<ObjectNode> secrets, String knownHosts) {

    /**
     * Copies the Secrets.
     *
     * @param secrets the Secrets
     * @param knownHosts the known hosts
     */
    public RepositorySecretObjects {
        secrets = secrets.stream().map(ObjectNode::deepCopy).toList();
        Objects.requireNonNull(knownHosts, "knownHosts");
    }

    /**
     * Lists the repository and {@code repo-creds} Secrets of a namespace (one LIST each) and reads
     * its {@code argocd-ssh-known-hosts-cm}.
     *
     * @param cluster the cluster to read from
     * @param namespace the namespace Argo CD's objects live in, usually {@code argocd}
     * @return the Secrets and the known hosts
     */
    public static RepositorySecretObjects fromCluster(Cluster cluster, String namespace) {
        List<ObjectNode> secrets = new ArrayList<>();
        for (String type : List.of(RepositorySecrets.REPOSITORY, RepositorySecrets.REPO_CREDS)) {
            secrets.addAll(cluster.list(BuiltInResourceTypes.SECRET, ListOptions.inNamespace(namespace)
                    .withLabelSelector(RepositorySecrets.SECRET_TYPE_LABEL + "=" + type)));
        }
        String knownHosts = cluster.get(BuiltInResourceTypes.CONFIG_MAP, namespace, "argocd-ssh-known-hosts-cm")
                .map(cm -> cm.path("data").path("ssh_known_hosts").asText("")).orElse("");
        return new RepositorySecretObjects(secrets, knownHosts);
    }

    /** {@return the Git credentials of these Secrets, with warnings for those left out} */
    public RepositorySecrets git() {
        return RepositorySecrets.read(secrets, knownHosts);
    }

    /** {@return the Helm registry logins of these Secrets, with warnings for those left out} */
    public HelmRepositorySecrets helm() {
        return HelmRepositorySecrets.read(secrets);
    }
}
