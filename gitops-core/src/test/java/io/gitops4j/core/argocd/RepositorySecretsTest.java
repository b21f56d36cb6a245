package io.gitops4j.core.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.git.Checkout;
import io.gitops4j.core.git.GitCredentials;
import io.gitops4j.core.git.GitException;
import io.gitops4j.core.git.GitHttpServer;
import io.gitops4j.core.git.GitSource;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.kube.Yaml;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD's repository and repo-creds Secrets as Git credentials: which Secret a repository's
 * credentials come from, which Secrets are left out and why, and that no credential reaches a
 * warning, a log line, a {@code toString()} or an exception.
 */
class RepositorySecretsTest {

    /** Every credential value in the fixtures. */
    private static final List<String> VALUES = List.of("ghp_repositoryOwnToken0123456789abcdef",
            "ghp_orgTemplateToken0123456789abcdefgh", "ghp_platformTemplateToken0123456789abc",
            "c2VjcmV0S2V5TWF0ZXJpYWxUaGF0TXVzdE5ldmVyTGVhaw", "ghp_teamAProjectScopedToken0123456789",
            "bbdc-bearerTokenValue0123456789abcdef", "helmRepoPassword0123456789", "brokenSecretValue",
            "unrelatedPassword0123456789");

    @TempDir
    Path temp;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureLogs() {
        stderr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void nothingLeaked() {
        System.setErr(stderr);
        String logged = logs.toString(StandardCharsets.UTF_8);
        stderr.print(logged);
        assertNoCredential("the log output", logged);
    }

    @Test
    void aRepositorysOwnSecretFirstThenTheLongestTemplate() {
        RepositorySecrets secrets = RepositorySecrets.read(fixtures(), "");

        assertThat(password(secrets, "https://github.com/example-org/private-repo"))
                .isEqualTo("ghp_repositoryOwnToken0123456789abcdef");
        assertThat(password(secrets, "https://GitHub.com/example-org/Private-Repo.git"))
                .as("compared as Argo CD normalizes URLs").isEqualTo("ghp_repositoryOwnToken0123456789abcdef");
        assertThat(password(secrets, "https://github.com/example-org/platform-api"))
                .as("the longest repo-creds prefix").isEqualTo("ghp_platformTemplateToken0123456789abc");
        assertThat(password(secrets, "https://github.com/example-org/shop")).isEqualTo("ghp_orgTemplateToken0123456789abcdefgh");
        assertThat(password(secrets, "https://github.com/example-org/public-docs"))
                .as("a repository Secret without credentials falls back to the template, as in Argo CD")
                .isEqualTo("ghp_orgTemplateToken0123456789abcdefgh");
        assertThat(secrets.credentials().lookup("https://github.com/another-org/repo")).isEmpty();
        assertThat(secrets.credentials().lookup("git@gitlab.example.com:platform/infra")).hasValueSatisfying(c -> {
            assertThat(c).isInstanceOf(GitCredentials.Ssh.class);
            assertThat(((GitCredentials.Ssh) c).insecure()).isTrue();
        });
        assertThat(secrets.credentials().lookup("https://charts.example.com")).as("Helm repositories are not Git's")
                .isEmpty();
    }

    @Test
    void secretsThatCannotBeUsedAreLeftOutNamingSecretAndField() {
        RepositorySecrets secrets = RepositorySecrets.read(fixtures(), "");

        assertThat(secrets.credentials().lookup("https://github.com/example-org/team-a"))
                .as("project-scoped credentials are not offered to every application")
                .hasValueSatisfying(c -> assertThat(((GitCredentials.Https) c).password())
                        .isEqualTo("ghp_orgTemplateToken0123456789abcdefgh"));
        assertThat(secrets.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("repository Secret argocd/team-a-repo for https://github.com/example-org/team-a is scoped to "
                        + "project 'team-a'"));
        assertThat(secrets.warnings()).anySatisfy(w -> assertThat(w)
                .contains("argocd/bitbucket-token").contains("'bearerToken'"));
        assertThat(secrets.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith("repository Secret argocd/broken key 'password' is not valid base64"));
        assertThat(secrets.sources()).hasSize(4).anySatisfy(s -> assertThat(s)
                .isEqualTo("repo-creds Secret argocd/org-creds: every repository under https://github.com/example-org "
                        + "(HTTPS)"));
        String everything = String.join("\n", secrets.warnings()) + String.join("\n", secrets.sources())
                + secrets + secrets.credentials();
        assertNoCredential("warnings, sources and toString", everything);
    }

    @Test
    void readsTheSecretsAndKnownHostsOfANamespace() {
        FakeCluster cluster = new FakeCluster();
        cluster.create(object("apiVersion: v1\nkind: Namespace\nmetadata: {name: argocd}\n"));
        fixtures().stream().filter(s -> !s.at("/metadata/name").asText().equals("broken")).forEach(cluster::create);
        cluster.create(object("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: argocd-ssh-known-hosts-cm, namespace: argocd}
                data:
                  ssh_known_hosts: |
                    gitlab.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
                """));

        RepositorySecrets secrets = RepositorySecrets.fromCluster(cluster, "argocd");

        assertThat(secrets.sources()).hasSize(4);
        assertThat(password(secrets, "https://github.com/example-org/private-repo"))
                .isEqualTo("ghp_repositoryOwnToken0123456789abcdef");
        assertThat(secrets.credentials().lookup("git@gitlab.example.com:platform/infra.git"))
                .hasValueSatisfying(c -> assertThat(((GitCredentials.Ssh) c).knownHosts()).contains("gitlab.example.com"));
    }

    @Test
    void aPrivateRepositoryIsFetchedWithItsSecretAndARefusalLeaksNothing() throws IOException {
        try (LocalRepository repo = LocalRepository.init(temp.resolve("repo"));
                GitHttpServer server = GitHttpServer.start()) {
            repo.write("app/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\n");
            repo.commit("add app");
            String password = "ghp_repositoryOwnToken0123456789abcdef";
            server.servePrivately("team/infra", repo.directory(), "deploy-bot", password)
                    .servePrivately("other", repo.directory(), "someone-else", "another-password-0123456789");
            RepositorySecrets secrets = RepositorySecrets.read(List.of(secret("infra", "repository",
                    server.url("", "team/infra"), "deploy-bot", password), secret("other", "repository",
                    server.url("", "other"), "deploy-bot", password)), "");
            GitSource git = GitSource.builder(temp.resolve("cache")).credentials(secrets.credentials()).build();

            assertThat(secrets.sources()).as(secrets.warnings().toString()).hasSize(2);
            assertThat(secrets.credentials().lookup(server.url("", "team/infra"))).isPresent();
            Checkout checkout = git.checkout(server.url("", "team/infra"), "HEAD");
            GitException refused = catchThrowableOfType(GitException.class,
                    () -> git.checkout(server.url("", "other"), "HEAD"));

            assertThat(checkout.directory().resolve("app/config.yaml")).exists();
            assertThat(server.authorizations()).contains("deploy-bot:" + password);
            assertThat(refused).isNotNull();
            StringWriter trace = new StringWriter();
            refused.printStackTrace(new PrintWriter(trace));
            assertNoCredential("the refusal", trace.toString());
        }
    }

    private static String password(RepositorySecrets secrets, String url) {
        return secrets.credentials().lookup(url).map(c -> ((GitCredentials.Https) c).password()).orElse("");
    }

    private static void assertNoCredential(String where, String text) {
        for (String value : VALUES) {
            assertThat(text).as(where).doesNotContain(value);
        }
    }

    private static ObjectNode secret(String name, String type, String url, String username, String password) {
        ObjectNode secret = object("""
                apiVersion: v1
                kind: Secret
                metadata:
                  namespace: argocd
                  labels: {argocd.argoproj.io/secret-type: %s}
                """.formatted(type));
        secret.with("metadata").put("name", name);
        secret.with("stringData").put("url", url).put("username", username).put("password", password);
        return secret;
    }

    static List<ObjectNode> fixtures() {
        try (InputStream in = RepositorySecretsTest.class.getResourceAsStream("/argocd/repository-secrets.yaml")) {
            return Yaml.readDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8), "repository-secrets.yaml")
                    .stream().map(d -> d.body().deepCopy()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(String yaml) {
        return (ObjectNode) Yaml.readValue(yaml, "test");
    }
}
