package io.gitops4j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.ResourceStatus;
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
 * {@code gitops status APP.yaml --kubeconfig F}: the application controller's view of an
 * application, as {@code argocd app get} shows it, read from the ConfigMap the cluster-backed
 * state store keeps.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show what the application controller last saw of the application in APP.yaml: sync status, "
                + "health, conditions, the last operation and every resource, from the state it keeps in the cluster "
                + "(ConfigMap gitops4j-app-<name>)."})
final class StatusCommand implements Callable<Integer> {

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
            print(stored, spec.commandLine().getOut());
        }
        return 0;
    }

    private static void print(StoredApplication stored, PrintWriter out) {
        ApplicationStatus status = stored.state().status();
        List<List<String>> fields = new ArrayList<>();
        fields.add(List.of("Name:", stored.app().name()));
        fields.add(List.of("Project:", stored.app().project()));
        fields.add(List.of("Repo:", io.gitops4j.kube.Redaction.url(stored.app().source().repoURL())));
        fields.add(List.of("Target:", stored.app().source().targetRevision()));
        fields.add(List.of("Path:", stored.app().source().path()));
        fields.add(List.of("Sync Status:", status.sync().status().displayName()
                + (status.sync().revision().isEmpty() ? "" : " to " + status.sync().revision())));
        fields.add(List.of("Health Status:", status.health().status().displayName()
                + (status.health().message().isEmpty() ? "" : " (" + status.health().message() + ")")));
        fields.add(List.of("Reconciled At:", status.reconciledAt().map(Object::toString).orElse("never")));
        status.operationState().ifPresent(op -> fields.add(List.of("Operation:", operation(op))));
        out.print(TextTable.of(fields));
        if (!status.conditions().isEmpty()) {
            List<List<String>> conditions = new ArrayList<>();
            conditions.add(List.of("CONDITION", "MESSAGE", "LAST TRANSITION"));
            for (Condition c : status.conditions()) {
                conditions.add(List.of(c.type().argoName(), c.message(), c.lastTransitionTime().toString()));
            }
            out.println();
            out.print(TextTable.of(conditions));
        }
        List<List<String>> resources = new ArrayList<>();
        resources.add(List.of("GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH", "MESSAGE"));
        for (ResourceStatus r : status.resources()) {
            resources.add(List.of(r.key().group(), r.key().kind(), r.key().namespace(), r.key().name(),
                    r.status().displayName() + (r.requiresPruning() ? " (requires pruning)" : ""),
                    r.health().map(h -> h.status().displayName()).orElse(""),
                    r.health().map(h -> h.message()).orElse("")));
        }
        out.println();
        out.print(TextTable.of(resources));
        out.flush();
    }

    private static String operation(OperationState op) {
        String kind = op.operation().dryRun() ? "Sync (dry run)" : "Sync";
        return kind + " " + op.phase().displayName() + " (started " + op.startedAt()
                + op.finishedAt().map(f -> ", finished " + f).orElse("") + ")"
                + (op.message().isEmpty() ? "" : ": " + op.message());
    }
}
