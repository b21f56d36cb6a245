package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.Verb;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gitops sync} against a cluster that fails: a dead server, one that accepts connections
 * and never answers. The command must end with exit code 1 and one line on standard error that
 * names the server's address, without a stack trace. The bounds of
 * {@code assertTimeoutPreemptively} only guard against a hang; they are no speed claims.
 */
class SyncCommandUnreachableIT {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final FakeCluster cluster = new FakeCluster();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private FakeApiServer server;
    private Path kubeconfig;
    private Path app;

    @BeforeEach
    void start() throws IOException {
        server = FakeApiServer.start(cluster);
        kubeconfig = server.writeKubeconfig(temp.resolve("kubeconfig"));
        app = Files.createDirectories(temp.resolve("repo/app"));
        try (Stream<Path> files = Files.list(fixture())) {
            for (Path file : files.toList()) {
                Files.copy(file, app.resolve(file.getFileName().toString()));
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void aDeadServerAtStartFailsAtOnceNamingItsAddress() {
        server.close();

        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("gitops sync: cannot reach the Kubernetes API server at "
                + server.url() + ": connection refused (to discover the API); check that the cluster is running and "
                + "that the kubeconfig names its address");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theTimeoutBoundsASyncWhoseServerStopsAnswering() {
        cluster.faults().inject(Fault.latency(Duration.ofMinutes(10)).always().on(Verb.PATCH));

        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop",
                "--timeout", "2s");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("gitops sync: gave up at the --timeout of 2s: Sync Failed: ")
                .contains("cannot reach the Kubernetes API server at " + server.url() + ": ")
                .doesNotContain("\tat ");
        assertThat(cluster.get("apps/v1", "Deployment", "shop", "web")).as("nothing was applied").isEmpty();
    }

    @Test
    void theTimeoutBoundsTheCommandWhenNothingEverAnswers() {
        String url = "http://127.0.0.1:" + silentServer();
        kubeconfig = pointedAt(url);

        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop",
                "--timeout", "2s", "--request-timeout", "10m");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("gitops sync: gave up at the --timeout of 2s: cannot reach "
                + "the Kubernetes API server at " + url + ": the wait for its answer was interrupted (to discover the API)");
    }

    @Test
    void theRequestTimeoutEndsEachRequestTheServerLeavesUnanswered() {
        cluster.faults().inject(Fault.latency(Duration.ofMinutes(10)).always().on(Verb.PATCH));

        int exit = run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "-n", "shop",
                "--request-timeout", "500ms");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("gitops sync: Sync Failed: one or more objects failed to apply (dry run): ")
                .contains("cannot reach the Kubernetes API server at " + server.url() + ": no answer within 500ms (to ");
    }

    @Test
    void timeoutsThatAreNotDurationsAreUsageErrors() {
        assertThat(run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "--request-timeout",
                "soon")).isEqualTo(2);
        assertThat(run("sync", "shop", app.toString(), "--kubeconfig", kubeconfig.toString(), "--connect-timeout",
                "1y")).isEqualTo(2);
        assertThat(err.toString()).contains("--request-timeout: 'soon' is not a duration")
                .contains("--connect-timeout: '1y' is not a duration");
    }

    private int run(String... args) {
        CommandLine commandLine = GitOpsCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return assertTimeoutPreemptively(HANG_GUARD, () -> commandLine.execute(args));
    }

    private Path pointedAt(String url) {
        try {
            return Files.writeString(temp.resolve("silent-kubeconfig"),
                    Files.readString(kubeconfig).replace(server.url(), url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server that accepts every connection and never sends a byte. */
    private int silentServer() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (!socket.isClosed()) {
                        accepted.add(socket.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            open.add(() -> {
                socket.close();
                for (Socket connection : accepted) {
                    connection.close();
                }
            });
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fixture() {
        try {
            return Path.of(Objects.requireNonNull(SyncCommandUnreachableIT.class.getResource("/sync/app")).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
