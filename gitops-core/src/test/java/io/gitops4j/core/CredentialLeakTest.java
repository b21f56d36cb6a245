package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.gitops4j.core.git.Checkout;
import io.gitops4j.core.git.GitCredentials;
import io.gitops4j.core.git.GitException;
import io.gitops4j.core.git.GitHttpServer;
import io.gitops4j.core.git.GitSource;
import io.gitops4j.core.git.GitSshServer;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.git.RawCommits;
import io.gitops4j.core.git.RepositoryCredentials;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.SyncRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * Plants credentials in repository URLs ({@code alice:PASSWORD@} and a token as the user name),
 * in HTTPS credentials registered by URL prefix, and in SSH credentials (an encrypted private
 * key, its passphrase, a malformed key), walks every failure gitops-core can be made to throw
 * on them, and greps everything that becomes text for the planted values: every exception's
 * message, its causes and suppressed exceptions as printed, {@link GitException#repoURL()}, the
 * log output (slf4j-simple, on {@code System.err}; the Git source logs at debug in these tests),
 * and the names of the files in the Git cache and the contents of those that are not the
 * repository's own files (a checkout holds what the repository holds).
 */
class CredentialLeakTest {

    private static final String URL_PASSWORD = "urlPassw0rd-planted-1f2e3d";
    private static final String URL_TOKEN = "ghp_plantedTokenAsUser9a8b7c";
    private static final String PROVIDER_PASSWORD = "providerSecret-planted-5d6e7f";
    private static final String SSH_PASSPHRASE = "sshPassphrase-planted-3c4d5e";
    private static final String PLANTED_KEY_LINE = "b3BlbnNzaC1rZXktdjEAplantedKeyLine0123456789abcdef";
    private static final KeyPair SSH_KEY = GitSshServer.newKey();
    private static final String SSH_KEY_TEXT = GitSshServer.privateKeyText(SSH_KEY, Optional.of(SSH_PASSPHRASE));
    private static final List<String> SECRETS = secrets();
    private static final String PASSWORD_USER_INFO = "alice:" + URL_PASSWORD;
    private static final String MISSING_SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream stderr;
    private GitHttpServer server;
    private LocalRepository guestbook;
    private RawCommits hostile;
    private GitSource source;
    private GitOps gitops;
    private final FakeCluster cluster = new FakeCluster();

    @BeforeEach
    void setUp() throws IOException {
        stderr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
        guestbook = GuestbookRepository.create(temp.resolve("guestbook"));
        hostile = RawCommits.init(temp.resolve("hostile.git"));
        hostile.tree().tree("app", hostile.tree().symlink("secrets", temp.toString())).commit("outside link");
        server = GitHttpServer.start().serve("repo", guestbook.directory()).serve("hostile", hostile.directory());
        RepositoryCredentials credentials = RepositoryCredentials.builder()
                .prefix(server.url("", "").replace(".git", ""), GitCredentials.https("bob", PROVIDER_PASSWORD)).build();
        source = GitSource.builder(temp.resolve("cache")).credentials(credentials).build();
        gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).gitCredentials(credentials).build();
    }

    @AfterEach
    void nothingLeaked() throws IOException {
        System.setErr(stderr);
        server.close();
        guestbook.close();
        hostile.close();
        String logged = logs.toString(StandardCharsets.UTF_8);
        stderr.print(logged);
        assertThat(LoggerFactory.getLogger(GitSource.class).isDebugEnabled())
                .as("debug logging of the Git source, so that its debug lines are checked too").isTrue();
        assertNoSecret("the log output", logged);
        assertNoSecretOnDisk(temp.resolve("cache"));
        assertNoSecretOnDisk(temp.resolve("work"));
    }

    @ParameterizedTest
    @ValueSource(strings = {PASSWORD_USER_INFO, URL_TOKEN})
    void anUnreachableHost(String userInfo) throws IOException {
        String url = "http://" + userInfo + "@127.0.0.1:" + closedPort() + "/org/repo.git";

        GitException e = gitFailure(() -> source.checkout(url, "HEAD"));

        assertThat(e).hasMessageStartingWith("cannot fetch http://***@127.0.0.1:");
        assertThat(e.repoURL()).isEqualTo(url.replace(userInfo, "***"));
        assertThat(e.getCause()).as("JGit's failure, as a redacted copy").isNotNull();
        assertThat(e.getCause().toString()).startsWith("org.eclipse.jgit.api.errors.TransportException: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {PASSWORD_USER_INFO, URL_TOKEN})
    void aRepositoryThatIsNotThere(String userInfo) {
        GitException e = gitFailure(() -> source.checkout(server.url(userInfo, "missing"), "HEAD"));

        assertThat(e).hasMessageContaining("http://***@127.0.0.1:");
        assertThat(stackTrace(e)).contains("missing.git");
    }

    @ParameterizedTest
    @ValueSource(strings = {PASSWORD_USER_INFO, URL_TOKEN, ""})
    void aRepositoryThatRefusesTheCredentials(String userInfo) {
        GitException e = gitFailure(() -> source.checkout(server.url(userInfo, "private"), "HEAD"));

        assertThat(e).hasMessageContaining("private.git");
        assertThat(server.authorizations()).as("the password of the prefix credentials was sent, so it was handed to JGit")
                .contains("bob:" + PROVIDER_PASSWORD);
    }

    @ParameterizedTest
    @ValueSource(strings = {PASSWORD_USER_INFO, URL_TOKEN})
    void aRevisionThatIsNotThere(String userInfo) {
        String url = server.url(userInfo, "repo");

        GitException e = gitFailure(() -> source.checkout(url, "no-such-branch"));

        assertThat(e).hasMessage("revision 'no-such-branch' not found in " + url.replace(userInfo, "***")
                + ": it is not a branch, a tag or a commit there");
    }

    @ParameterizedTest
    @ValueSource(strings = {PASSWORD_USER_INFO, URL_TOKEN})
    void aShaThatIsNotThere(String userInfo) {
        String url = server.url(userInfo, "repo");

        gitFailure(() -> source.checkout(url, MISSING_SHA));
        gitFailure(() -> source.checkout(url, "deadbeef"));

        assertThat(logs.toString(StandardCharsets.UTF_8)).as("the failed fetch of the SHA is logged, redacted")
                .contains("fetching commit " + MISSING_SHA + " from " + url.replace(userInfo, "***") + " failed");
    }

    @ParameterizedTest
    @ValueSource(strings = {PASSWORD_USER_INFO, URL_TOKEN})
    void aCheckoutRefusedForALinkOutsideTheRepository(String userInfo) {
        GitException e = gitFailure(() -> source.checkout(server.url(userInfo, "hostile"), "main"));

        assertThat(e).hasMessageContaining("the symbolic link 'app/secrets' points to");
    }

    @ParameterizedTest
    @ValueSource(strings = {PASSWORD_USER_INFO, URL_TOKEN})
    void aCheckoutThatWorksKeepsNoCredentials(String userInfo) {
        Checkout checkout = source.checkout(server.url(userInfo, "repo"), "main");

        assertThat(checkout.repoURL()).isEqualTo(server.url("***", "repo"));
        assertThat(checkout.toString()).doesNotContain(userInfo);
    }

    @ParameterizedTest
    @ValueSource(strings = {PASSWORD_USER_INFO, URL_TOKEN})
    void theFacadeOnEachOfThesePaths(String userInfo) throws IOException {
        List<String> urls = List.of(
                "http://" + userInfo + "@127.0.0.1:" + closedPort() + "/org/repo.git",
                server.url(userInfo, "missing"),
                server.url(userInfo, "private"),
                server.url(userInfo, "hostile"));
        for (String url : urls) {
            Application app = app(url, "main", "app");
            assertNoSecret(app.toString(), app.toString());
            gitFailure(() -> gitops.reconcile(app));
            gitFailure(() -> gitops.compare(app));
            gitFailure(() -> gitops.sync(app, SyncRequest.builder().prune(true).build()));
        }
        gitFailure(() -> gitops.reconcile(app(server.url(userInfo, "repo"), "no-such-branch", GuestbookRepository.PATH)));
        gitFailure(() -> gitops.compare(app(server.url(userInfo, "repo"), MISSING_SHA, GuestbookRepository.PATH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {PASSWORD_USER_INFO, URL_TOKEN})
    void aKustomizeRemoteBaseFetchedThroughTheGitCache(String userInfo) {
        guestbook.write("remote/kustomization.yaml", "resources:\n- " + server.url(userInfo, "missing") + "//base?ref=main\n")
                .commit("a remote base");
        Application app = app(guestbook.url(), "main", "remote");

        Throwable failure = catchThrowable(() -> gitops.reconcile(app));

        assertThat(failure).isNotNull();
        assertNoSecret(failure);
        assertThat(stackTrace(failure)).contains("missing.git");
    }

    @Test
    void sshKeysAndPassphrasesOnEveryPath() {
        try (GitSshServer ssh = GitSshServer.start(SSH_KEY.getPublic()).serve("repo", guestbook.directory())) {
            GitCredentials.Ssh good = GitCredentials.ssh(SSH_KEY_TEXT, ssh.knownHostsLine()).withPassphrase(SSH_PASSPHRASE);
            List<GitCredentials> failing = List.of(
                    GitCredentials.ssh(SSH_KEY_TEXT, "").withPassphrase(SSH_PASSPHRASE),
                    GitCredentials.ssh(SSH_KEY_TEXT, ssh.knownHostsLine()),
                    GitCredentials.ssh("-----BEGIN OPENSSH PRIVATE KEY-----\n" + PLANTED_KEY_LINE
                            + "\n-----END OPENSSH PRIVATE KEY-----\n", ssh.knownHostsLine()).withPassphrase(SSH_PASSPHRASE));
            for (GitCredentials credentials : failing) {
                RepositoryCredentials byPrefix = RepositoryCredentials.builder().prefix("ssh://git@127.0.0.1", credentials).build();
                assertNoSecret("the credentials", credentials + " " + byPrefix);
                GitSource sshSource = GitSource.builder(temp.resolve("cache")).credentials(byPrefix).build();
                gitFailure(() -> sshSource.checkout(ssh.url("repo"), "main"));
                GitOps facade = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).gitCredentials(byPrefix).build();
                gitFailure(() -> facade.reconcile(app(ssh.url("repo"), "main", GuestbookRepository.PATH)));
            }
            RepositoryCredentials working = RepositoryCredentials.builder().repository(ssh.url("repo"), good).build();
            Checkout checkout = GitSource.builder(temp.resolve("cache")).credentials(working).build().checkout(ssh.url("repo"), "main");
            assertNoSecret("the checkout", checkout.toString() + " " + good + " " + working);
        }
    }

    @Test
    void theSyncHistoryAndResultsNeverHoldTheUrl() {
        String url = server.url(PASSWORD_USER_INFO, "repo");
        Application app = app(url, "main", GuestbookRepository.PATH);

        ReconcileResult result = gitops.reconcile(app);

        assertThat(result.syncFailed()).isFalse();
        assertNoSecret("the result", result.toString());
        assertNoSecret("the history", gitops.history(app.name()).toString());
    }

    private static List<String> secrets() {
        List<String> secrets = new java.util.ArrayList<>(List.of(URL_PASSWORD, URL_TOKEN, PROVIDER_PASSWORD, SSH_PASSPHRASE,
                PLANTED_KEY_LINE));
        SSH_KEY_TEXT.lines().filter(l -> !l.startsWith("-----") && l.length() >= 16).forEach(secrets::add);
        return List.copyOf(secrets);
    }

    private Application app(String url, String revision, String path) {
        return Application.builder("leaky").repoURL(url).targetRevision(revision).path(path)
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true)).build();
    }

    private static GitException gitFailure(Runnable call) {
        Throwable failure = catchThrowable(call::run);
        assertThat(failure).isInstanceOf(GitException.class);
        assertNoSecret(failure);
        return (GitException) failure;
    }

    private static void assertNoSecret(Throwable failure) {
        StringBuilder text = new StringBuilder(stackTrace(failure));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(failure, seen, text);
        if (failure instanceof GitException git) {
            text.append('\n').append(git.repoURL()).append('\n').append(git.revision());
        }
        assertNoSecret("the exception " + failure.getClass().getName(), text.toString());
    }

    private static void collect(Throwable throwable, Set<Throwable> seen, StringBuilder text) {
        if (throwable == null || !seen.add(throwable)) {
            return;
        }
        text.append('\n').append(throwable.getMessage()).append('\n').append(throwable.getLocalizedMessage());
        collect(throwable.getCause(), seen, text);
        for (Throwable suppressed : throwable.getSuppressed()) {
            collect(suppressed, seen, text);
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter out = new StringWriter();
        failure.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static void assertNoSecret(String what, String text) {
        for (String secret : SECRETS) {
            assertThat(text).as(what).doesNotContain(secret);
        }
    }

    private static void assertNoSecretOnDisk(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        Function<Path, String> content = file -> {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.toList()) {
                assertNoSecret("the name of " + file, folder.relativize(file).toString());
                boolean repositoryFile = folder.relativize(file).toString().contains("checkouts");
                if (Files.isRegularFile(file) && !repositoryFile) {
                    assertNoSecret("the content of " + file, content.apply(file));
                }
            }
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
