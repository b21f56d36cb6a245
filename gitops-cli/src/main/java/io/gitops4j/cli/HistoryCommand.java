package io.gitops4j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gitops history APP.yaml --kubeconfig F}: the application's successful syncs, as
 * {@code argocd app history} lists them, with the ids a rollback names.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the successful syncs of the application in APP.yaml (the ids a rollback names), from the "
                + "state the application controller keeps in the cluster (ConfigMap gitops4j-app-<name>)."})
final class HistoryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    @Override
    public Integer call() {
        try (KubernetesClient client = ClusterConnection.client(kubeconfig)) {
            StoredApplication stored = StoredApplication.read(file, appName, new Fabric8Cluster(client), stateNamespace);
            PrintWriter out = spec.commandLine().getOut();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "DATE", "REVISION", "SOURCE", "INITIATED BY"));
            for (RevisionHistory h : stored.state().status().history()) {
                rows.add(List.of(Long.toString(h.id()), h.deployedAt().toString(), h.revision(),
                        io.gitops4j.kube.Redaction.url(h.source().repoURL()) + " " + h.source().path(),
                        h.initiatedBy().automated() ? "automated" : h.initiatedBy().username().isEmpty() ? "user"
                                : h.initiatedBy().username()));
            }
            out.print(TextTable.of(rows));
            out.flush();
        }
        return 0;
    }
}
