package io.gitops4j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine;
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

    /**
     * Reads the stored application from the cluster and hands it to {@code use}, the connection open
     * meanwhile; the unknown fields of the application's manifest are printed to {@code err} first,
     * one line each, as {@code gitops COMMAND: warning: ...}.
     */
    <T> T read(CommandLine.Model.CommandSpec spec, Function<StoredApplication, T> use) {
        try (KubernetesClient client = ClusterConnection.client(kubeconfig)) {
            StoredApplication stored = StoredApplication.read(file, appName, new Fabric8Cluster(client), stateNamespace);
            PrintWriter err = spec.commandLine().getErr();
            stored.app().warnings().forEach(w -> err.println("gitops " + spec.name() + ": warning: " + w.message()));
            err.flush();
            return use.apply(stored);
        }
    }
}
