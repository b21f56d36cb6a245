package io.gitops4j.cli;

import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.kube.GitOpsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gitops fake-cluster}: an in-memory Kubernetes API server over HTTP (or HTTPS with
 * {@code --tls}) until stopped, with a kubeconfig for kubectl and fabric8.
 */
@Command(name = "fake-cluster", mixinStandardHelpOptions = true,
        description = {"Serve an in-memory Kubernetes API server on 127.0.0.1 until stopped (Ctrl-C), and write a "
                + "kubeconfig that kubectl and fabric8 can use.",
                "Nothing is kept after it stops."})
final class FakeClusterCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT",
            description = "the port to serve on (default: a free one)")
    int port;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "where to write the kubeconfig (default: a temporary file, removed when stopped)")
    Path kubeconfig;

    @Option(names = "--tls",
            description = "serve HTTPS with a certificate made at start; the kubeconfig trusts it "
                    + "(certificate-authority-data)")
    boolean tls;

    @Option(names = "--simulate-controllers",
            description = "run simulated controllers once a second: pods start, Deployments, StatefulSets, "
                    + "DaemonSets and Jobs get the status real controllers write")
    boolean simulateControllers;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        FakeCluster cluster = new FakeCluster();
        FakeApiServer server = start(cluster);
        boolean temporary = kubeconfig == null;
        Path file = temporary ? Files.createTempFile("gitops-fake-cluster-", ".kubeconfig") : kubeconfig;
        server.writeKubeconfig(file);
        ScheduledExecutorService ticker = simulateControllers ? startTicking(cluster) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> stop(server, ticker, temporary ? file : null, stopped), "fake-cluster-stop");
        Runtime.getRuntime().addShutdownHook(shutdown);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Serving a fake Kubernetes API server on " + server.url());
        out.println("kubeconfig: " + file.toAbsolutePath() + "   (export KUBECONFIG=" + file.toAbsolutePath() + ")");
        out.println(simulateControllers ? "Controllers: simulated, one tick per second"
                : "Controllers: none (--simulate-controllers runs them)");
        out.println("Stop with Ctrl-C.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            stop(server, ticker, temporary ? file : null, stopped);
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private FakeApiServer start(FakeCluster cluster) {
        try {
            return tls ? FakeApiServer.startTls(cluster, port) : FakeApiServer.start(cluster, port);
        } catch (UncheckedIOException e) {
            throw new GitOpsException(e.getMessage() + "; choose another --port, or leave it out for a free one", e);
        }
    }

    private static ScheduledExecutorService startTicking(FakeCluster cluster) {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fake-cluster-controllers");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(() -> cluster.controllers().tick(), 1, 1, TimeUnit.SECONDS);
        return ticker;
    }

    private static void stop(FakeApiServer server, ScheduledExecutorService ticker, Path temporaryKubeconfig,
            CountDownLatch stopped) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        server.close();
        if (temporaryKubeconfig != null) {
            try {
                Files.deleteIfExists(temporaryKubeconfig);
            } catch (IOException e) {
                // a leftover temporary file is harmless
            }
        }
        stopped.countDown();
    }
}
