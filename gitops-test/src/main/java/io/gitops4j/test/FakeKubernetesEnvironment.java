package io.gitops4j.test;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.GitOps;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import io.gitops4j.k8s.sync.engine.StepPacer;
import io.gitops4j.k8s.sync.engine.SyncEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fake cluster of one test method and what was started for it, created on first use and
 * closed after the test.
 */
final class FakeKubernetesEnvironment implements AutoCloseable {

    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final FakeCluster cluster = new FakeCluster(clock);
    private final FakeClusterPacer pacer = new FakeClusterPacer(cluster, clock);
    private Path workDir;
    private FakeApiServer server;
    private KubernetesClient client;

    /** The value to inject for a supported type. */
    synchronized Optional<Object> valueFor(Class<?> type) {
        if (type == FakeCluster.class || type == Cluster.class) {
            return Optional.of(cluster);
        }
        if (type == ManualClock.class) {
            return Optional.of(clock);
        }
        if (type == FakeApiServer.class) {
            return Optional.of(server());
        }
        if (type == KubernetesClient.class) {
            return Optional.of(client());
        }
        if (type == Fabric8Cluster.class) {
            return Optional.of(new Fabric8Cluster(client()));
        }
        if (type == FakeClusterPacer.class || type == StepPacer.class) {
            return Optional.of(pacer);
        }
        if (type == GitOps.Builder.class) {
            return Optional.of(gitOps());
        }
        if (type == GitOps.class) {
            return Optional.of(gitOps().build());
        }
        if (type == SyncEngine.class) {
            return Optional.of(SyncEngine.builder().cluster(cluster).clock(clock).pacer(pacer).build());
        }
        return Optional.empty();
    }

    /** A GitOps builder on the in-process cluster, its clock and pacer, with a Git cache removed after the test. */
    private GitOps.Builder gitOps() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("gitops4j-test-");
            } catch (IOException e) {
                throw new UncheckedIOException("@FakeKubernetes could not create a work directory for GitOps", e);
            }
        }
        return GitOps.builder().cluster(cluster).clock(clock).pacer(pacer).workDir(workDir);
    }

    private FakeApiServer server() {
        if (server == null) {
            server = FakeApiServer.start(cluster);
        }
        return server;
    }

    private KubernetesClient client() {
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                    .withMasterUrl(server().url())
                    .withNamespace("default")
                    .withOnlyHttpWatches(true)
                    .build()).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (workDir != null) {
            delete(workDir);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("@FakeKubernetes could not remove the work directory " + directory, e);
        }
    }
}
