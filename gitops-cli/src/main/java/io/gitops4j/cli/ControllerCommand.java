package io.gitops4j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.GitOps;
import io.gitops4j.core.argocd.ArgoCdSettings;
import io.gitops4j.core.argocd.HelmRepositorySecrets;
import io.gitops4j.core.argocd.KustomizeBuildSettings;
import io.gitops4j.core.argocd.RepositorySecretObjects;
import io.gitops4j.core.argocd.RepositorySecrets;
import io.gitops4j.core.crd.ApplicationCrdController;
import io.gitops4j.core.crd.ClusterAppProjects;
import io.gitops4j.core.crd.ClusterSecretWatch;
import io.gitops4j.core.crd.sharding.LeaderElection;
import io.gitops4j.core.crd.sharding.ShardingSettings;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.server.ControllerHttpServer;
import io.gitops4j.k8s.clusters.ClusterRegistry;
import io.gitops4j.k8s.clusters.RegisteredCluster;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.tracking.TrackingId;
import io.gitops4j.kube.GitOpsException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gitops controller}: controller mode, reconciling the Argo CD Application objects of a
 * cluster until stopped ({@link ApplicationCrdController}), one line per operation on standard
 * output. Ctrl-C stops it cleanly: the watches end, a running sync stops at its next safe point
 * within 30 s and stays Running for the next controller to run again (with {@code --replicas} it
 * is terminated, handed over with its shard) and the shard Leases are released for the other
 * replicas to take at once.
 */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = {"Reconcile the Argo CD Applications (argoproj.io/v1alpha1) of a cluster until stopped "
                + "(Ctrl-C), as Argo CD's application controller: sync them, write their status, run the "
                + "operations `argocd app sync` or a `.operation` field asks for.",
                "The cluster needs the Application CRD: Argo CD's, or `gitops crds | kubectl apply -f -`."})
final class ControllerCommand implements Callable<Integer> {

    private static final Set<ApplicationEvent.Type> PRINTED = EnumSet.of(ApplicationEvent.Type.SYNC_SUCCEEDED,
            ApplicationEvent.Type.SYNC_FAILED, ApplicationEvent.Type.DELETED);

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "the kubeconfig of the cluster (default: $KUBECONFIG, then ~/.kube/config)")
    Path kubeconfig;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
            description = "a namespace whose Applications are reconciled; repeatable (default: argocd). The first "
                    + "one holds the default AppProject")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "where Git mirrors and rendered manifests are cached (default: ~/.cache/gitops4j/controller)")
    Path workDir;

    @Option(names = "--refresh", paramLabel = "D",
            description = "how often every application is compared with Git (default: timeout.reconciliation of "
                    + "argocd-cm in the first namespace, else 3m)")
    String refresh;

    @Option(names = "--port", paramLabel = "P",
            description = "serve POST /api/webhook (GitHub, GitLab, Bitbucket, Gitea pushes; secrets from "
                    + "argocd-secret), GET /metrics (Prometheus) and GET /healthz on this port (default: none)")
    Integer port;

    @Option(names = "--tracking-annotation", paramLabel = "KEY",
            description = "the annotation that carries each object's tracking id (default: gitops4j.io/tracking-id). "
                    + "argocd.argoproj.io/tracking-id takes over what Argo CD deployed, once Argo CD's application "
                    + "controller is stopped")
    String trackingAnnotation = TrackingId.ANNOTATION;

    @Option(names = "--applicationsets", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also reconcile the ApplicationSets (argoproj.io/v1alpha1) of the namespaces, writing their "
                    + "Applications to the cluster, as Argo CD's applicationset-controller (default: on when the "
                    + "cluster serves ApplicationSet)")
    boolean applicationSets = true;

    @Option(names = "--replicas", paramLabel = "N",
            description = "share the Applications with the other replicas of N: each holds shard Leases "
                    + "<shard-lease>-0..N-1 in the first namespace and reconciles the Applications of its shards (by "
                    + "destination cluster, as Argo CD); a stopped or dead replica's shards are taken over. The "
                    + "ApplicationSets are reconciled by one replica, the holder of the Lease "
                    + LeaderElection.APPLICATION_SET_LEASE + " (default: no sharing)")
    Integer replicas;

    @Option(names = "--shard-lease", paramLabel = "NAME",
            description = "the name prefix of the shard Leases (default: " + ShardingSettings.DEFAULT_LEASE_NAME + ")")
    String shardLease;

    @Option(names = "--replica-id", paramLabel = "ID",
            description = "this replica's holder identity in the shard Leases (default: <hostname>_<pid>)")
    String replicaId;

    @Spec
    CommandSpec spec;

    /** Counted down by Ctrl-C (the JVM's shutdown), or by a test, to stop. */
    final CountDownLatch stopRequested = new CountDownLatch(1);

    @Override
    public Integer call() {
        Optional<Duration> interval = refresh == null ? Optional.empty() : Optional.of(interval());
        if (port != null && (port < 0 || port > 65_535)) {
            throw new ParameterException(spec.commandLine(), "--port: " + port + " is not a port (0-65535)");
        }
        Optional<ShardingSettings> sharding = sharding();
        List<String> watched = namespaces.isEmpty() ? List.of("argocd") : List.copyOf(namespaces);
        Path work = workDir != null ? workDir : Path.of(System.getProperty("user.home"), ".cache", "gitops4j", "controller");
        PrintWriter out = spec.commandLine().getOut();
        KubernetesClient client = ClusterConnection.client(kubeconfig);
        ApplicationCrdController controller;
        ClusterRegistry clusters = null;
        Optional<ControllerHttpServer> http = Optional.empty();
        ArgoCdSettings settings;
        try {
            Fabric8Cluster cluster = new Fabric8Cluster(client);
            settings = ArgoCdSettings.fromCluster(cluster, watched.get(0));
            RepositorySecretObjects repositorySecrets = RepositorySecretObjects.fromCluster(cluster, watched.get(0));
            RepositorySecrets repositories = repositorySecrets.git();   // the Secrets listed once for Git and Helm
            repositories.warnings().forEach(warning -> print(out, Instant.now(), "warning: " + warning));
            HelmRepositorySecrets registries = repositorySecrets.helm();
            registries.warnings().forEach(warning -> print(out, Instant.now(), "warning: " + warning));
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            clusters = ClusterRegistry.create();
            ClusterAppProjects projects = new ClusterAppProjects(cluster, watched.get(0), Clock.systemUTC(),
                    ClusterAppProjects.DEFAULT_MAX_AGE);
            projects.get();   // a cluster whose AppProjects cannot be listed fails here, naming why
            GitOps gitops = registries.applyTo(KustomizeBuildSettings.fromCluster(cluster, watched.get(0))
                    .applyTo(settings.applyTo(GitOps.builder().cluster(cluster).workDir(work))))
                    .tracking(settings.tracking(trackingAnnotation)).gitCredentials(repositories.credentials())
                    .meterRegistry(metrics).build();
            ApplicationCrdController.Builder builder = gitops.crdController().namespaces(watched)
                    .clusterSecrets(clusters, new PrintedClusterSecrets(out)).engine(engine -> {
                settings.applyTo(engine).meterRegistry(metrics).projects(projects).listener(event -> {
                    if (PRINTED.contains(event.type())) {
                        print(out, event.at(), event.appName() + ": " + event.summary());
                    }
                });
                interval.ifPresent(engine::refreshInterval);
            });
            sharding.ifPresent(builder::sharding);
            if (applicationSets) {
                builder.applicationSets();   // with --replicas, only the leader (LeaderElection) reconciles them
            }
            controller = builder.build();
            controller.start();
            sharding.ifPresent(s -> print(out, Instant.now(), "sharing the Applications among " + s.replicas()
                    + " replicas as " + s.replicaId() + " (Leases " + watched.get(0) + "/" + s.leaseName() + "-0.."
                    + (s.replicas() - 1) + ")" + (controller.applicationSets().isPresent() ? "; ApplicationSets by "
                            + "the holder of the Lease " + watched.get(0) + "/" + LeaderElection.APPLICATION_SET_LEASE
                            : "")));
            if (port != null) {
                http = Optional.of(ControllerHttpServer.builder().port(port).metrics(metrics)
                        .webhooks(settings.webhooks(controller::refresh).build()).build().start());
                print(out, Instant.now(), "serving /api/webhook, /metrics and /healthz on port " + http.get().port());
            }
        } catch (RuntimeException e) {
            if (clusters != null) {
                clusters.close();
            }
            client.close();
            throw e instanceof GitOpsException ? e : new GitOpsException(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            stopRequested.countDown();
            try {
                // let the main thread close the controller first: running syncs get the engine's grace period
                stopped.await(40, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "gitops-controller-stop");
        Runtime.getRuntime().addShutdownHook(shutdown);
        print(out, Instant.now(), "reconciling the Applications of " + String.join(", ", watched) + " every "
                + (refresh != null ? refresh : settings.reconciliationTimeout()
                        .map(timeout -> CommandDeadline.shortDuration(timeout) + " (timeout.reconciliation of argocd-cm)")
                        .orElse("3m"))
                + "; stop with Ctrl-C");
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.ifPresent(ControllerHttpServer::close);
            controller.close();
            clusters.close();
            client.close();
            print(out, Instant.now(), "stopped");
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running and has waited for this
            }
        }
        return 0;
    }

    /** One line for each cluster Secret registered, refused or gone. */
    private record PrintedClusterSecrets(PrintWriter out) implements ClusterSecretWatch.Listener {
        @Override
        public void registered(String secret, RegisteredCluster registered) {
            print(out, Instant.now(), "destination cluster " + registered.name() + " from Secret " + secret);
        }

        @Override
        public void refused(String secret, String message) {
            print(out, Instant.now(), "warning: " + message);
        }

        @Override
        public void unregistered(String secret, String server) {
            print(out, Instant.now(), "cluster Secret " + secret + " is gone: its applications are Unknown");
        }
    }

    private static void print(PrintWriter out, Instant at, String line) {
        synchronized (out) {
            out.println(at.truncatedTo(ChronoUnit.SECONDS) + " " + line);
            out.flush();
        }
    }

    private Optional<ShardingSettings> sharding() {
        if (replicas == null) {
            if (shardLease != null || replicaId != null) {
                throw new ParameterException(spec.commandLine(), "--shard-lease and --replica-id need --replicas");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(ShardingSettings.of(replicas, shardLease != null ? shardLease
                    : ShardingSettings.DEFAULT_LEASE_NAME, replicaId != null ? replicaId
                    : ShardingSettings.defaultReplicaId()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--replicas/--shard-lease/--replica-id: " + e.getMessage());
        }
    }

    private Duration interval() {
        try {
            Duration value = RetryPolicy.parseDuration(refresh);
            if (value.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("'" + refresh + "' is shorter than a second");
            }
            return value;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--refresh: " + e.getMessage());
        }
    }
}
