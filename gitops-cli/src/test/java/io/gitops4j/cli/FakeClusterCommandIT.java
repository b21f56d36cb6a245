package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FakeClusterCommandIT {

    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();

    @Test
    void servesAClusterThatKubeconfigClientsUseWithSimulatedControllers() throws Exception {
        Path kubeconfig = directory.resolve("kubeconfig");
        Output out = new Output();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(commandLine(out).execute(
                "fake-cluster", "--kubeconfig", kubeconfig.toString(), "--simulate-controllers")));
        command.start();
        assertThat(out.ready.await(30, TimeUnit.SECONDS)).as("the server started").isTrue();
        assertThat(out.toString()).contains("Serving a fake Kubernetes API server on http://127.0.0.1:",
                "kubeconfig: " + kubeconfig.toAbsolutePath(), "Controllers: simulated");

        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            client.apps().deployments().resource(deployment()).create();
            Deployment available = client.apps().deployments().inNamespace("default").withName("web")
                    .waitUntilCondition(d -> d != null && d.getStatus() != null
                            && Integer.valueOf(2).equals(d.getStatus().getAvailableReplicas()), 30, TimeUnit.SECONDS);
            assertThat(available.getStatus().getObservedGeneration()).isEqualTo(1L);
        }

        command.interrupt();
        command.join(10_000);
        assertThat(exit.get()).isZero();
    }

    @Test
    void withTlsItServesHttpsAndTheKubeconfigTrustsOnlyItsCertificate() throws Exception {
        Path kubeconfig = directory.resolve("kubeconfig");
        Output out = new Output();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread command = new Thread(() -> exit.set(commandLine(out).execute(
                "fake-cluster", "--tls", "--kubeconfig", kubeconfig.toString())));
        command.start();
        assertThat(out.ready.await(30, TimeUnit.SECONDS)).as("the server started").isTrue();
        assertThat(out.toString()).contains("Serving a fake Kubernetes API server on https://127.0.0.1:");
        assertThat(Files.readString(kubeconfig)).contains("server: https://127.0.0.1:", "certificate-authority-data: ");

        try (KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build()) {
            client.apps().deployments().resource(deployment()).create();
            assertThat(client.apps().deployments().inNamespace("default").withName("web").get().getSpec().getReplicas())
                    .isEqualTo(2);
        }

        command.interrupt();
        command.join(10_000);
        assertThat(exit.get()).isZero();
    }

    @Test
    void aPortInUseIsOneLineOnStandardError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = commandLine(new Output()).execute("fake-cluster", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).startsWith("gitops fake-cluster: cannot serve the fake cluster on 127.0.0.1:"
                    + taken.getLocalPort()).contains("choose another --port").hasLineCount(1);
        }
    }

    private CommandLine commandLine(Output out) {
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    private static Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    /** Standard output, with a latch released once the command says how to stop it. */
    private static final class Output extends Writer {

        private final StringBuffer text = new StringBuffer();
        final CountDownLatch ready = new CountDownLatch(1);

        @Override
        public void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            if (text.indexOf("Stop with Ctrl-C.") >= 0) {
                ready.countDown();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
