package io.gitops4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import io.gitops4j.k8s.sync.ApplyStrategy;
import io.gitops4j.k8s.sync.Comparison;
import io.gitops4j.k8s.sync.DesiredState;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.StateComparer;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.SyncTarget;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import io.gitops4j.k8s.sync.engine.SyncLock;
import io.gitops4j.k8s.sync.engine.SyncOperation;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import io.gitops4j.render.RenderRequest;
import io.gitops4j.render.Renderer;
import io.gitops4j.render.SourceOptions;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gitops sync APP DIR}: renders DIR (plain manifests, a kustomization or a Helm chart) and
 * syncs it as application APP into the cluster of a kubeconfig, like {@code argocd app sync}
 * with a local source: phases, waves, hooks, sync options. Prints each resource's phase, wave,
 * action and message; exits 1 when the sync fails, with one line on standard error that says why.
 * Requests to the API server are bounded by {@code --connect-timeout} and {@code --request-timeout}
 * (fabric8's 10 s each by default), the whole command by {@code --timeout} ({@link CommandDeadline}).
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Render DIR and sync it as application APP into the cluster of a kubeconfig "
                + "(for example the one `gitops fake-cluster` writes).",
                "Exit code: 0 synced, 1 the sync failed or an error."})
final class SyncCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "APP", description = "the application name, written into tracking ids")
    String app;

    @Parameters(index = "1", paramLabel = "DIR", description = "the directory to render")
    Path directory;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "the kubeconfig of the cluster (default: $KUBECONFIG, then ~/.kube/config)")
    Path kubeconfig;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "the destination namespace for objects that name none (default: the kubeconfig's, else default)")
    String namespace;

    @Option(names = "--prune", description = "delete objects of APP that DIR no longer has")
    boolean prune;

    @Option(names = "--dry-run", description = "dry run every change on the server and change nothing")
    boolean dryRun;

    @ArgGroup(exclusive = true)
    Strategy strategy = new Strategy();

    /** --server-side | --client-side. */
    static final class Strategy {
        @Option(names = "--server-side", description = "server-side apply (the default)")
        boolean serverSide;

        @Option(names = "--client-side", description = "client-side apply: three-way merge with the last-applied annotation")
        boolean clientSide;
    }

    @Option(names = "--sync-option", paramLabel = "KEY=VALUE",
            description = "an Argo CD sync option, such as CreateNamespace=true or PruneLast=true; repeatable")
    List<String> syncOptions = new ArrayList<>();

    @Option(names = "--retry-limit", paramLabel = "N", defaultValue = "0",
            description = "retry transient failures (409, 429, 5xx, lost connection) up to N times (default: none)")
    int retryLimit;

    @Option(names = "--timeout", paramLabel = "D",
            description = "give up after this long (30, 90s, 5m), however the cluster answers; waves that wait for "
                    + "health fail a moment before")
    String timeout;

    @Option(names = "--request-timeout", paramLabel = "D",
            description = "how long one request to the API server may take (default: 10s; 0 for no limit)")
    String requestTimeout;

    @Option(names = "--connect-timeout", paramLabel = "D",
            description = "how long connecting to the API server may take (default: 10s)")
    String connectTimeout;

    @Option(names = "--tracking", paramLabel = "METHOD", defaultValue = "annotation",
            description = "how objects are marked as APP's: annotation (default), label, annotation+label, or applyset "
                    + "(kubectl's ApplySet labels, parent Secret APP in the destination namespace)")
    String tracking;

    @Option(names = "--lock-namespace", paramLabel = "NS", defaultValue = SyncEngine.DEFAULT_LOCK_NAMESPACE,
            description = "where the sync's Lease lives, which keeps other syncs of APP out while this one runs "
                    + "(default: ${DEFAULT-VALUE})")
    String lockNamespace;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a table) or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (CommandDeadline deadline = CommandDeadline.start(duration("--timeout", timeout), Clock.systemUTC())) {
            SyncRequest request = request();
            Config config = config();
            try {
                return sync(config, request, deadline);
            } catch (GitOpsException e) {
                throw deadline.expired() ? new GitOpsException("gave up at " + deadline.describe() + ": " + e.getMessage(), e)
                        : e;
            }
        }
    }

    private int sync(Config config, SyncRequest request, CommandDeadline deadline) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            Cluster cluster = new Fabric8Cluster(client);
            String destination = namespace != null ? namespace : Objects.requireNonNullElse(client.getNamespace(), "default");
            SyncTarget target = SyncTarget.builder(app, destination).tracking(tracking(destination)).build();
            DesiredState desired = DesiredState.prepare(render(destination), target, cluster);
            SyncRequest.Builder timed = request.toBuilder();
            deadline.syncTimeout().ifPresent(timed::timeout);
            SyncRequest timedRequest = timed.build();
            SyncEngine engine = SyncEngine.builder().cluster(cluster).lockNamespace(lockNamespace).build();
            SyncResult result;
            // The lock (a Lease other `gitops sync` processes respect) is taken before comparing, so
            // the comparison cannot be overtaken by another sync of the application.
            try (SyncLock lock = engine.lock(app, timedRequest)) {
                Comparison comparison = new StateComparer(cluster, ResourceDiffer.defaults()).compare(desired);
                result = run(engine.start(comparison, timedRequest, lock), deadline.pacer(StepPacer.sleeping(Clock.systemUTC())));
            }
            deadline.close();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            desired.warnings().forEach(w -> err.println("gitops sync: warning: " + w));
            result.conditions().forEach(c -> err.println("gitops sync: warning: " + c));
            result.warnings().forEach(w -> err.println("gitops sync: warning: " + w));
            out.print(format == Format.json ? Json.write(json(result)) + "\n" : SyncTable.of(result));
            out.flush();
            if (!result.succeeded()) {
                err.println("gitops sync: " + (deadline.expired() ? "gave up at " + deadline.describe() + ": " : "")
                        + "Sync " + result.phase().displayName() + ": " + result.message());
                err.flush();
            }
            return result.succeeded() ? 0 : 1;
        } finally {
            deadline.close();
            client.close();
        }
    }

    private ResourceTracking tracking(String destination) {
        if (tracking.equals("applyset")) {
            return ResourceTracking.applySet(destination);
        }
        try {
            return ResourceTracking.ofMethod(tracking);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--tracking: " + e.getMessage() + ", applyset");
        }
    }

    private SyncRequest request() {
        return SyncRequest.builder().prune(prune).dryRun(dryRun)
                .strategy(strategy.clientSide ? ApplyStrategy.CLIENT_SIDE : ApplyStrategy.SERVER_SIDE)
                .syncOptions(syncOptions).retry(RetryPolicy.limit(retryLimit)).build();
    }

    /** A duration option as Argo CD writes them (30, 90s, 5m), or empty when not given. */
    private Optional<Duration> duration(String option, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            Duration duration = RetryPolicy.parseDuration(value);
            if (duration.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("'" + value + "' is too long");
            }
            return Optional.of(duration);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /**
     * Steps until done; in text mode, says what the sync waits for whenever that changes. Stopped
     * by Ctrl-C or a kill, the operation is terminated first (running hooks deleted), as Argo CD's
     * terminate does.
     */
    private SyncResult run(SyncOperation operation, StepPacer pacer) {
        Thread terminator = new Thread(() -> {
            if (!operation.result().isCompleted()) {
                operation.terminate();
                spec.commandLine().getErr().println("gitops sync: stopped; " + operation.step().message());
                spec.commandLine().getErr().flush();
            }
        }, "gitops-sync-terminate");
        Runtime.getRuntime().addShutdownHook(terminator);
        String[] said = {""};
        try {
            return operation.run(pacer, running -> {
                if (format == Format.text && !running.message().equals(said[0])) {
                    said[0] = running.message();
                    spec.commandLine().getOut().println(running.phase().displayName() + ": " + said[0]);
                    spec.commandLine().getOut().flush();
                }
            });
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(terminator);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or has run: nothing to remove.
            }
        }
    }

    private List<ObjectNode> render(String destination) {
        RepositoryRoot repository = RenderCommand.repositoryHolding(directory, null);
        Path source = RepositoryRoot.of(directory).path();
        RenderRequest request = new RenderRequest(repository, repository.display(source), SourceOptions.AUTO, app,
                destination, "", "", "");
        return Renderer.builder().cacheSize(0).build().render(request).objects();
    }

    /** The kubeconfig's cluster, with the connect and request timeouts of the options. */
    private Config config() {
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
        duration("--request-timeout", requestTimeout).ifPresent(d -> config.setRequestTimeout((int) d.toMillis()));
        duration("--connect-timeout", connectTimeout).ifPresent(d -> config.setConnectionTimeout((int) d.toMillis()));
        return config;
    }

    private static ObjectNode json(SyncResult result) {
        ObjectNode report = Json.object().put("phase", result.phase().displayName()).put("message", result.message())
                .put("retries", result.retries());
        ArrayNode resources = report.putArray("resources");
        for (ResourceResult r : result.resources()) {
            ObjectNode resource = resources.addObject().put("group", r.key().group()).put("kind", r.key().kind())
                    .put("namespace", r.key().namespace()).put("name", r.key().name())
                    .put("syncPhase", r.phase().displayName()).put("wave", r.wave())
                    .put("action", r.action().displayName()).put("status", r.status().displayName())
                    .put("message", r.message());
            r.hook().ifPresent(h -> resource.put("hook", h.annotationValue()));
        }
        result.warnings().forEach(report.putArray("warnings")::add);
        ArrayNode conditions = report.putArray("conditions");
        result.conditions().forEach(c -> conditions.addObject().put("type", c.type().argoName())
                .put("message", c.message()));
        return report;
    }
}
