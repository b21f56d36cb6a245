package io.gitops4j.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.kube.Redaction;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSH private keys and strict known_hosts through JGit's Apache MINA SSHD transport, against an SSH server in process. */
class SshCredentialsTest {

    private static final String PASSPHRASE = "passphrase-of-the-test-key-77";

    @TempDir
    Path temp;

    private final KeyPair userKey = GitSshServer.newKey();
    private GitSshServer server;
    private LocalRepository repo;
    private String first;

    @BeforeEach
    void setUp() {
        repo = LocalRepository.init(temp.resolve("origin"));
        first = repo.write("app/cm.yaml", "kind: ConfigMap\n").commit("first");
        server = GitSshServer.start(userKey.getPublic()).serve("infra", repo.directory());
    }

    @AfterEach
    void tearDown() {
        server.close();
        repo.close();
    }

    @Test
    void aKeyAndTheServersKnownHostKeyFetch() {
        GitCredentials ssh = GitCredentials.ssh(GitSshServer.privateKeyText(userKey, Optional.empty()), server.knownHostsLine());

        Checkout checkout = source(RepositoryCredentials.builder().prefix("ssh://git@127.0.0.1", ssh).build())
                .checkout(server.url("infra"), "main");

        assertThat(checkout.revision()).isEqualTo(first);
        assertThat(checkout.directory().resolve("app/cm.yaml")).hasContent("kind: ConfigMap");
    }

    @Test
    void anEncryptedKeyWithItsPassphrase() {
        GitCredentials ssh = GitCredentials.ssh(GitSshServer.privateKeyText(userKey, Optional.of(PASSPHRASE)),
                server.knownHostsLine()).withPassphrase(PASSPHRASE);

        assertThat(source(RepositoryCredentials.builder().repository(server.url("infra"), ssh).build())
                .checkout(server.url("infra"), "main").revision()).isEqualTo(first);
    }

    @Test
    void anUnknownHostKeyIsRefused() {
        String otherServersKey = "[127.0.0.1]:" + server.url("x").replaceAll(".*:(\\d+)/.*", "$1") + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(GitSshServer.newKey().getPublic());
        GitCredentials ssh = GitCredentials.ssh(GitSshServer.privateKeyText(userKey, Optional.empty()), otherServersKey);
        GitSource source = source(RepositoryCredentials.builder().repository(server.url("infra"), ssh).build());

        assertThatThrownBy(() -> source.checkout(server.url("infra"), "main"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch " + Redaction.url(server.url("infra")) + ": ")
                .hasMessageContaining("not in the known_hosts of the credentials for this repository");
    }

    @Test
    void noKnownHostsRefusesUnlessInsecure() {
        GitCredentials.Ssh ssh = GitCredentials.ssh(GitSshServer.privateKeyText(userKey, Optional.empty()), "");

        assertThatThrownBy(() -> source(RepositoryCredentials.builder().repository(server.url("infra"), ssh).build())
                .checkout(server.url("infra"), "main")).isInstanceOf(GitException.class);
        assertThat(source(RepositoryCredentials.builder().repository(server.url("infra"), ssh.insecureIgnoreHostKey()).build())
                .checkout(server.url("infra"), "main").revision()).isEqualTo(first);
    }

    @Test
    void aKeyTheServerDoesNotKnowIsRefused() {
        GitCredentials ssh = GitCredentials.ssh(GitSshServer.privateKeyText(GitSshServer.newKey(), Optional.empty()),
                server.knownHostsLine());

        assertThatThrownBy(() -> source(RepositoryCredentials.builder().repository(server.url("infra"), ssh).build())
                .checkout(server.url("infra"), "main"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch " + Redaction.url(server.url("infra")) + ": ")
                .hasMessageContaining("the server did not accept the SSH key of the credentials for this repository");
    }

    @Test
    void aWrongPassphraseOrAMalformedKeyIsAClearErrorWithoutTheSecret() {
        String encrypted = GitSshServer.privateKeyText(userKey, Optional.of(PASSPHRASE));
        GitCredentials wrong = GitCredentials.ssh(encrypted, server.knownHostsLine()).withPassphrase("not-the-passphrase");
        GitCredentials malformed = GitCredentials.ssh("-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n", server.knownHostsLine());

        assertThatThrownBy(() -> source(RepositoryCredentials.builder().repository(server.url("infra"), wrong).build())
                .checkout(server.url("infra"), "main"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot use the SSH credentials for " + Redaction.url(server.url("infra"))
                        + ": the SSH private key cannot be read")
                .hasMessageNotContaining("not-the-passphrase");
        assertThatThrownBy(() -> source(RepositoryCredentials.builder().repository(server.url("infra"), malformed).build())
                .checkout(server.url("infra"), "main"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("the SSH private key");
        assertThat(wrong.toString()).doesNotContain("not-the-passphrase").doesNotContain(encrypted.lines().skip(1).findFirst().orElseThrow());
    }

    private GitSource source(RepositoryCredentials credentials) {
        return GitSource.builder(temp.resolve("cache")).credentials(credentials).build();
    }
}
