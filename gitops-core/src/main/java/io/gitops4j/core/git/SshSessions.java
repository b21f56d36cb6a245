package io.gitops4j.core.git;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * One JGit Apache MINA SSHD session factory per {@link GitCredentials.Ssh}: public key
 * authentication with that key only (read once, in memory: never written to disk), host keys
 * checked by {@link KnownHosts}, and nothing of the user's {@code ~/.ssh} (no config, keys,
 * known hosts or agent): its home and SSH folders are an empty folder of the cache.
 */
final class SshSessions {

    private final Path emptyHome;
    private final Map<GitCredentials.Ssh, SshSessionFactory> factories = new ConcurrentHashMap<>();

    SshSessions(Path emptyHome) {
        this.emptyHome = emptyHome;
    }

    /**
     * @throws IllegalArgumentException when the key or the known hosts cannot be read; the
     *     message names what is wrong, never the key or its passphrase
     */
    SshSessionFactory factory(GitCredentials.Ssh credentials) {
        return factories.computeIfAbsent(credentials, this::create);
    }

    private SshSessionFactory create(GitCredentials.Ssh credentials) {
        List<KeyPair> keys = keys(credentials);
        KnownHosts knownHosts = KnownHosts.of(credentials);
        try {
            Files.createDirectories(emptyHome);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create " + emptyHome + ": " + e.getMessage(), e);
        }
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(emptyHome.toFile())
                .setSshDirectory(emptyHome.toFile())
                .setConfigStoreFactory((home, config, user) -> null)
                .setDefaultKnownHostsFiles(ssh -> List.of())
                .setDefaultIdentities(ssh -> List.of())
                .setDefaultKeysProvider(ssh -> keys)
                .setPreferredAuthentications("publickey")
                .setServerKeyDatabase((home, ssh) -> knownHosts)
                .build(new JGitKeyCache());
    }

    private static List<KeyPair> keys(GitCredentials.Ssh credentials) {
        FilePasswordProvider passphrase = credentials.passphrase().map(FilePasswordProvider::of)
                .orElse(FilePasswordProvider.EMPTY);
        try {
            List<KeyPair> keys = new ArrayList<>();
            Iterable<KeyPair> read = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("sshPrivateKey"),
                    new ByteArrayInputStream(credentials.privateKey().getBytes(StandardCharsets.UTF_8)), passphrase);
            if (read != null) {
                read.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("the SSH private key holds no key; give the whole key file, "
                        + "from its -----BEGIN line to its -----END line");
            }
            return List.copyOf(keys);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException known && known.getMessage().startsWith("the SSH private key")) {
                throw known;
            }
            String hint = credentials.passphrase().isPresent() ? "check the key and its passphrase"
                    : "an encrypted key needs GitCredentials.Ssh.withPassphrase";
            throw new IllegalArgumentException("the SSH private key cannot be read (" + e.getClass().getSimpleName()
                    + "); " + hint, e);
        }
    }
}
