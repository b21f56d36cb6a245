package io.gitops4j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options by which {@code gitops status} and {@code gitops history} find an application's
 * stored state: its Application file, which application of it, the cluster's kubeconfig and the
 * namespace the controller keeps state in.
 */
final class StoredApplicationOptions {

    @Parameters(index = "0", paramLabel = "APP.yaml", description = "an Argo CD Application manifest")
    Path file;

    @Option(names = "--app", paramLabel = "NAME", description = "the application, when the file holds several")
    String appName;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "the kubeconfig of the cluster (default: $KUBECONFIG, then ~/.kube/config)")
    Path kubeconfig;

    @Option(names = "--state-namespace", paramLabel = "NS", defaultValue = "default",
            description = "where the controller keeps application state (default: ${DEFAULT-VALUE})")
    String stateNamespace;

    /** Reads the stored application from the cluster and hands it to {@code use}, the connection open meanwhile. */
    <T> T read(Function<StoredApplication, T> use) {
        try (KubernetesClient client = ClusterConnection.client(kubeconfig)) {
            return use.apply(StoredApplication.read(file, appName, new Fabric8Cluster(client), stateNamespace));
        }
    }
}
