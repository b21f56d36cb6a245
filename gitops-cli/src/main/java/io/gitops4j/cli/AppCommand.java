package io.gitops4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gitops app list|get|sync|diff|history|rollback|delete}: the Application objects of a
 * cluster as the argocd CLI shows and operates them; a sync or rollback writes {@code .operation}
 * and waits for the controller (GitOps4J's {@code gitops controller} or Argo CD's) to run it and
 * clear it, a delete sets or removes the resources finalizer the controller acts on.
 */
@Command(name = "app", mixinStandardHelpOptions = true,
        description = "Read, sync, diff, roll back and delete the Argo CD Applications of a cluster, as the argocd CLI does.",
        subcommands = {AppCommand.ListApps.class, AppCommand.GetApp.class, AppCommand.SyncApp.class,
                AppDiffCommand.class, AppHistoryCommand.class, AppRollbackCommand.class, AppDeleteCommand.class})
final class AppCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The options every app subcommand takes, and the cluster they name. */
    static final class Target {
        @Option(names = "--kubeconfig", paramLabel = "FILE",
                description = "the kubeconfig of the cluster (default: $KUBECONFIG, then ~/.kube/config)")
        Path kubeconfig;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "argocd",
                description = "the namespace of the Applications (default: ${DEFAULT-VALUE})")
        String namespace;

        /** Runs {@code work} with the cluster and its Application type, closing the client after. */
        <T> T with(Work<T> work) {
            KubernetesClient client = ClusterConnection.client(kubeconfig);
            try {
                Cluster cluster = new Fabric8Cluster(client);
                ResourceType type = cluster.resourceType("argoproj.io/v1alpha1", "Application")
                        .orElseThrow(() -> new GitOpsException("the cluster serves no argoproj.io/v1alpha1 Application; "
                                + "install Argo CD, or GitOps4J's CRDs (gitops crds | kubectl apply -f -)"));
                return work.run(cluster, type);
            } finally {
                client.close();
            }
        }

        ObjectNode get(Cluster cluster, ResourceType type, String name) {
            return cluster.get(type, namespace, name).orElseThrow(() -> new GitOpsException(
                    "application " + namespace + "/" + name + " not found; `gitops app list -n " + namespace
                            + "` lists them"));
        }
    }

    /** Work on a cluster. */
    interface Work<T> {
        T run(Cluster cluster, ResourceType type);
    }

    /** {@code gitops app list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the Applications with their sync and health status.")
    static final class ListApps implements Callable<Integer> {
        @Mixin
        Target target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("NAME", "PROJECT", "SYNC STATUS", "HEALTH STATUS", "REVISION"));
            target.with((cluster, type) -> {
                for (ObjectNode app : cluster.list(type, ListOptions.inNamespace(target.namespace))) {
                    rows.add(List.of(app.at("/metadata/name").asText(), text(app.at("/spec/project"), "default"),
                            text(app.at("/status/sync/status"), ""), text(app.at("/status/health/status"), ""),
                            text(app.at("/status/sync/revision"), "")));
                }
                return null;
            });
            spec.commandLine().getOut().print(TextTable.of(rows));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code gitops app get NAME}. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show an Application's status, last operation and resources.")
    static final class GetApp implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ObjectNode app = target.with((cluster, type) -> target.get(cluster, type, name));
            PrintWriter out = spec.commandLine().getOut();
            JsonNode status = app.path("status");
            out.print(TextTable.of(List.of(
                    List.of("Name:", target.namespace + "/" + name),
                    List.of("Project:", text(app.at("/spec/project"), "default")),
                    List.of("Repo:", text(app.at("/spec/source/repoURL"), "")),
                    List.of("Target:", text(app.at("/spec/source/targetRevision"), "HEAD")),
                    List.of("Path:", text(app.at("/spec/source/path"), "")),
                    List.of("Sync Status:", text(status.at("/sync/status"), "Unknown") + " to "
                            + text(status.at("/sync/revision"), "(none)")),
                    List.of("Health Status:", text(status.at("/health/status"), "Unknown")),
                    List.of("Last operation:", text(status.at("/operationState/phase"), "(none)") + " "
                            + text(status.at("/operationState/message"), "")))));
            for (JsonNode condition : status.path("conditions")) {
                out.println("Condition " + condition.path("type").asText() + ": " + condition.path("message").asText());
            }
            out.println();
            out.print(resources(status.path("resources"), false));
            out.flush();
            return 0;
        }
    }

    /** {@code gitops app sync NAME}. */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = {"Sync an Application: write its .operation and wait for the controller to run it.",
                    "Exit code: 0 succeeded, 1 failed or an error."})
    static final class SyncApp implements Callable<Integer> {
        @Mixin
        Target target;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--revision", paramLabel = "REV", description = "a branch, tag or commit instead of the target revision")
        String revision;

        @Option(names = "--prune", description = "delete resources that left Git")
        boolean prune;

        @Option(names = "--dry-run", description = "dry run every change and change nothing")
        boolean dryRun;

        @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m",
                description = "how long to wait for the controller (default: ${DEFAULT-VALUE})")
        String timeout;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Duration wait = duration(spec, timeout);
            JsonNode state = new AppOperation(target, name).run(app -> {
                ObjectNode operation = Json.object();
                ObjectNode sync = operation.putObject("sync");
                if (revision != null) {
                    sync.put("revision", revision);
                }
                sync.put("prune", prune);
                if (dryRun) {
                    sync.put("dryRun", true);
                }
                operation.putObject("initiatedBy").put("username", System.getProperty("user.name", ""));
                return operation;
            }, wait, timeout, "sync");
            return AppOperation.print(spec.commandLine().getOut(), state);
        }
    }

    /** {@code --timeout} as a duration, or a usage error naming it. */
    static Duration duration(CommandSpec spec, String timeout) {
        try {
            return RetryPolicy.parseDuration(timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--timeout: " + e.getMessage());
        }
    }

    /** A resource table: of status.resources, or with {@code result} of a sync result. */
    static String resources(JsonNode resources, boolean result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(result ? List.of("GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HOOK", "MESSAGE")
                : List.of("GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH"));
        for (JsonNode r : resources) {
            List<String> row = new ArrayList<>(List.of(r.path("group").asText(""), r.path("kind").asText(""),
                    r.path("namespace").asText(""), r.path("name").asText(""), r.path("status").asText("")));
            if (result) {
                row.add(r.path("hookType").asText(""));
                row.add(r.path("message").asText(""));
            } else {
                row.add(r.at("/health/status").asText(""));
            }
            rows.add(row);
        }
        return TextTable.of(rows);
    }

    private static String text(JsonNode node, String fallback) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : fallback;
    }
}
