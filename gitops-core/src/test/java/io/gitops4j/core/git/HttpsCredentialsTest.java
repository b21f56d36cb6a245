package io.gitops4j.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials by repository URL and prefix over HTTPS (Basic), and the transport timeout. */
class HttpsCredentialsTest {

    @TempDir
    Path temp;

    private GitHttpServer server;
    private LocalRepository repo;

    @BeforeEach
    void setUp() {
        repo = LocalRepository.init(temp.resolve("origin"));
        repo.write("app/cm.yaml", "kind: ConfigMap\n").commit("first");
        server = GitHttpServer.start().servePrivately("team/infra", repo.directory(), "deploy", "t0ken-for-infra")
                .servePrivately("other/app", repo.directory(), "other", "t0ken-for-other");
    }

    @AfterEach
    void tearDown() {
        server.close();
        repo.close();
    }

    @Test
    void withoutCredentialsThePrivateRepositoryRefuses() {
        GitSource source = new GitSource(temp.resolve("cache"));

        assertThatThrownBy(() -> source.checkout(server.url("", "team/infra"), "main"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch " + server.url("", "team/infra") + ": ")
                .hasMessageContaining("the server requires authentication and no credentials are configured");
    }

    @Test
    void theLongestMatchingPrefixWinsAndAnExactRepositoryBeatsEveryPrefix() {
        RepositoryCredentials credentials = RepositoryCredentials.builder()
                .prefix(server.base(), GitCredentials.https("other", "t0ken-for-other"))
                .prefix(server.base() + "TEAM/", GitCredentials.https("deploy", "t0ken-for-infra"))
                .repository(server.base() + "other/app", GitCredentials.https("other", "t0ken-for-other"))
                .build();
        GitSource source = GitSource.builder(temp.resolve("cache")).credentials(credentials).build();

        assertThat(source.checkout(server.url("", "team/infra"), "main").message()).isEqualTo("first");
        assertThat(source.checkout(server.url("", "other/app"), "main").message()).isEqualTo("first");
        assertThat(credentials.lookup("http://127.0.0.1:1/teamx")).isEmpty();
        assertThat(credentials.lookup(server.base() + "team/infra.git")).contains(GitCredentials.https("deploy", "t0ken-for-infra"));
        assertThat(credentials.toString()).doesNotContain("t0ken");
    }

    @Test
    void wrongCredentialsAreRefusedWithoutSayingThem() {
        RepositoryCredentials credentials = RepositoryCredentials.builder()
                .prefix(server.base(), GitCredentials.https("deploy", "wrong-passw0rd")).build();
        GitSource source = GitSource.builder(temp.resolve("cache")).credentials(credentials).build();

        assertThatThrownBy(() -> source.checkout(server.url("", "team/infra"), "main"))
                .isInstanceOf(GitException.class)
                .hasMessageNotContaining("wrong-passw0rd");
        assertThat(server.authorizations()).contains("deploy:wrong-passw0rd");
    }

    @Test
    void aServerThatNeverAnswersTimesOutNamingTheRepository() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "http://user:s3cret-timeout@127.0.0.1:" + silent.getLocalPort() + "/org/repo.git";
            GitSource source = GitSource.builder(temp.resolve("cache"))
                    .options(GitOptions.defaults().withTimeout(Duration.ofSeconds(1))).build();

            assertThatThrownBy(() -> source.checkout(url, "main"))
                    .isInstanceOf(GitException.class)
                    .hasMessage("cannot fetch http://***@127.0.0.1:" + silent.getLocalPort() + "/org/repo.git: no answer "
                            + "within 1 seconds (GitOptions.timeout); check that the server is reachable, or raise the timeout");
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
