package io.gitops4j.core.git;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to authenticate to a Git server, as in an Argo CD repository secret: a user name and a
 * password or token over HTTPS, or an SSH private key checked against known host keys. Register
 * them by repository URL or URL prefix in {@link RepositoryCredentials}.
 *
 * <p>No secret is ever printed: {@code toString()} masks passwords, keys and passphrases, and
 * every message, log line and exception of the Git source has them removed.
 *
 * <pre>{@code
 * GitCredentials.https("git", System.getenv("GITHUB_TOKEN"));
 * GitCredentials.ssh(Files.readString(keyFile), Files.readString(knownHostsFile));
 * GitCredentials.ssh(privateKeyPem, "").withPassphrase(passphrase).insecureIgnoreHostKey();
 * }</pre>
 */
public sealed interface GitCredentials permits GitCredentials.Https, GitCredentials.Ssh {

    /**
     * HTTPS basic authentication: a user name and a password, or a token as the password (GitHub
     * and GitLab accept any non-empty user name with a token; Bitbucket expects its own).
     *
     * @param username the user name
     * @param password the password or token
     * @return the credentials
     */
    static Https https(String username, String password) {
        return new Https(username, password);
    }

    /**
     * An SSH private key (OpenSSH or PEM text, as in Argo CD's {@code sshPrivateKey}) and the
     * {@code known_hosts} lines the server's host key must match (as in Argo CD's
     * {@code argocd-ssh-known-hosts-cm}). Host keys are checked strictly: an unknown or changed
     * host key refuses the connection unless {@link Ssh#insecureIgnoreHostKey()} is set.
     *
     * @param privateKey the private key, OpenSSH or PEM text, not encrypted (see {@link
     *     Ssh#withPassphrase})
     * @param knownHosts the {@code known_hosts} lines the server's host key must match
     * @return the credentials
     */
    static Ssh ssh(String privateKey, String knownHosts) {
        return new Ssh(privateKey, Optional.empty(), knownHosts, false);
    }

    /**
     * The secret values of these credentials, for redaction.
     *
     * @return the values to remove from every message, log line and exception
     */
    List<String> secrets();

    /**
     * HTTPS credentials.
     *
     * @param username the user name (sent in clear to the server; not treated as a secret
     *     unless the password is empty, as when a token is the user name)
     * @param password the password or token
     */
    record Https(String username, String password) implements GitCredentials {

        /**
         * Requires both fields; an empty password is allowed (a token as the user name).
         *
         * @param username the user name (sent in clear to the server; not treated as a secret unless the
         *     password is empty, as when a token is the user name)
         * @param password the password or token
         */
        public Https {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public List<String> secrets() {
            return password.isEmpty() ? List.of(username) : List.of(password);
        }

        @Override
        public String toString() {
            return "GitCredentials.Https[username=" + (password.isEmpty() ? "***" : username) + ", password=***]";
        }
    }

    /**
     * SSH credentials.
     *
     * @param privateKey the private key, OpenSSH or PEM text
     * @param passphrase the passphrase of an encrypted key
     * @param knownHosts {@code known_hosts} lines (plain or hashed host names, {@code [host]:port},
     *     {@code @revoked}); may be empty only when {@code insecure}
     * @param insecure accept any host key, as Argo CD's {@code insecure: true}: a man in the
     *     middle can then read the repository and serve another one
     */
    record Ssh(String privateKey, Optional<String> passphrase, String knownHosts, boolean insecure)
            implements GitCredentials {

        /**
         * Requires every field.
         *
         * @param privateKey the private key, OpenSSH or PEM text
         * @param passphrase the passphrase of an encrypted key
         * @param knownHosts {@code known_hosts} lines (plain or hashed host names, {@code [host]:port},
         *     {@code @revoked}); may be empty only when {@code insecure}
         * @param insecure accept any host key, as Argo CD's {@code insecure: true}: a man in the middle can
         *     then read the repository and serve another one
         */
        public Ssh {
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(passphrase, "passphrase");
            Objects.requireNonNull(knownHosts, "knownHosts");
        }

        /**
         * The same key, encrypted with this passphrase.
         *
         * @param value the passphrase of the encrypted key
         * @return a copy of these credentials with the passphrase
         */
        public Ssh withPassphrase(String value) {
            return new Ssh(privateKey, Optional.of(Objects.requireNonNull(value, "passphrase")), knownHosts, insecure);
        }

        /**
         * {@return the same credentials accepting any host key (Argo CD's {@code insecure}); see the
         * record's Javadoc}
         */
        public Ssh insecureIgnoreHostKey() {
            return new Ssh(privateKey, passphrase, knownHosts, true);
        }

        /** The key as a whole, each line of it, and the passphrase. */
        @Override
        public List<String> secrets() {
            List<String> secrets = new ArrayList<>();
            secrets.add(privateKey.strip());
            for (String line : privateKey.split("\\R")) {
                if (line.strip().length() >= 16 && !line.startsWith("-----")) {
                    secrets.add(line.strip());
                }
            }
            passphrase.ifPresent(secrets::add);
            return List.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "GitCredentials.Ssh[privateKey=***, passphrase=" + (passphrase.isPresent() ? "***" : "none")
                    + ", knownHosts=" + knownHosts.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count()
                    + " lines, insecure=" + insecure + "]";
        }
    }
}
