package io.gitops4j.core.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Git over SSH (fetch only) on {@code 127.0.0.1}, on Apache MINA SSHD's server (the library
 * JGit's SSH client is built on) and JGit's {@link UploadPack}: public key authentication for
 * one user key, {@code git-upload-pack '/<name>.git'} for each repository served. Its host key
 * is made fresh for each server, so a known_hosts line must be taken from {@link #knownHostsLine()}.
 */
public final class GitSshServer implements AutoCloseable {

    private final SshServer server;
    private final KeyPair hostKey;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();

    private GitSshServer(SshServer server, KeyPair hostKey) {
        this.server = server;
        this.hostKey = hostKey;
    }

    /** Starts a server that lets in whoever proves to hold the private key of {@code userKey}. */
    public static GitSshServer start(PublicKey userKey) {
        try {
            KeyPair hostKey = newKey();
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, userKey));
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            GitSshServer git = new GitSshServer(server, hostKey);
            server.setCommandFactory((channel, command) -> git.new UploadCommand(command));
            server.start();
            return git;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh EC key pair (nistp256). */
    public static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key pair as an OpenSSH private key file, encrypted with the passphrase when there is one. */
    public static String privateKeyText(KeyPair key, Optional<String> passphrase) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OpenSSHKeyEncryptionContext encryption = null;
            if (passphrase.isPresent()) {
                encryption = new OpenSSHKeyEncryptionContext();
                encryption.setCipherName("AES");
                encryption.setCipherType("256");
                encryption.setPassword(passphrase.get());
            }
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "gitops4j-test", encryption, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves the repository in the folder as {@code /<name>.git}. */
    public GitSshServer serve(String name, Path folder) {
        try {
            repositories.put(name, new FileRepositoryBuilder().findGitDir(folder.toFile()).setMustExist(true).build());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ssh://git@127.0.0.1:<port>/<name>.git}. */
    public String url(String name) {
        return "ssh://git@127.0.0.1:" + server.getPort() + "/" + name + ".git";
    }

    /** The known_hosts line of this server: {@code [127.0.0.1]:<port> ecdsa-sha2-nistp256 AAAA...}. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            repositories.values().forEach(Repository::close);
        }
    }

    /** {@code git-upload-pack '<path>'}, run on a thread of its own. */
    private final class UploadCommand implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream value) {
            in = value;
        }

        @Override
        public void setOutputStream(OutputStream value) {
            out = value;
        }

        @Override
        public void setErrorStream(OutputStream value) {
            err = value;
        }

        @Override
        public void setExitCallback(ExitCallback value) {
            exit = value;
        }

        @Override
        public void start(ChannelSession channel, Environment environment) {
            Thread thread = new Thread(this::run, "git-ssh-upload-pack");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            String name = command.replaceFirst("^git-upload-pack\\s+", "").replaceAll("['\"]", "")
                    .replaceAll("^/+", "").replaceAll("\\.git$", "");
            Repository repository = command.startsWith("git-upload-pack") ? repositories.get(name) : null;
            if (repository == null) {
                try {
                    err.write(("no repository " + name + "\n").getBytes(StandardCharsets.UTF_8));
                    err.flush();
                } catch (IOException ignored) {
                    // the client went away
                }
                exit.onExit(1);
                return;
            }
            try (UploadPack upload = new UploadPack(repository)) {
                upload.upload(in, out, err);
                exit.onExit(0);
            } catch (IOException e) {
                exit.onExit(1, e.getMessage());
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
            // the upload thread ends with its streams
        }
    }
}
