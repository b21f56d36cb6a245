package io.gitops4j.render.helm;

import java.util.Objects;

/**
 * What an {@code https://} Helm chart repository is sent, as Argo CD sends the fields of a Helm
 * repository Secret ({@code type: helm}): HTTP basic authentication from {@code username} and
 * {@code password} (sent when either is set, as Argo CD sends it for {@code index.yaml}), a TLS client
 * certificate from {@code tlsClientCertData} and {@code tlsClientCertKey} (PEM), and
 * {@code insecure}, which accepts any server certificate and host name. Its {@code toString} shows
 * neither the password nor the key.
 *
 * @param username the user name; empty for none
 * @param password the password or token; empty for none
 * @param tlsClientCertData the client certificate chain, PEM; empty for none
 * @param tlsClientCertKey the client certificate's private key, PEM (PKCS #8, PKCS #1 RSA or SEC 1 EC); empty for none
 * @param insecure skip the verification of the server's certificate ({@code insecure: "true"})
 */
public record HelmRepositoryCredentials(String username, String password, String tlsClientCertData,
        String tlsClientCertKey, boolean insecure) {

    /**
     * Reads missing parts as empty.
     *
     * @param username the user name; empty for none
     * @param password the password or token; empty for none
     * @param tlsClientCertData the client certificate chain, PEM; empty for none
     * @param tlsClientCertKey the client certificate's private key, PEM; empty for none
     * @param insecure skip the verification of the server's certificate
     * @throws IllegalArgumentException when only one of the certificate and its key is given
     */
    public HelmRepositoryCredentials {
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, "");
        tlsClientCertData = Objects.requireNonNullElse(tlsClientCertData, "");
        tlsClientCertKey = Objects.requireNonNullElse(tlsClientCertKey, "");
        if (tlsClientCertData.isBlank() != tlsClientCertKey.isBlank()) {
            throw new IllegalArgumentException("a TLS client certificate needs both tlsClientCertData and "
                    + "tlsClientCertKey");
        }
    }

    /**
     * A user name and password (or token), sent as HTTP basic authentication.
     *
     * @param username the user name
     * @param password the password or token
     * @return the credentials
     */
    public static HelmRepositoryCredentials basic(String username, String password) {
        return new HelmRepositoryCredentials(username, password, "", "", false);
    }

    /**
     * Whether HTTP basic authentication is sent.
     *
     * @return true when a user name or a password is set
     */
    public boolean hasBasicAuth() {
        return !username.isEmpty() || !password.isEmpty();
    }

    /**
     * Whether a TLS client certificate is presented.
     *
     * @return true when the certificate and its key are set
     */
    public boolean hasClientCertificate() {
        return !tlsClientCertData.isBlank();
    }

    @Override
    public String toString() {
        return "HelmRepositoryCredentials[username=" + username + ", password=" + (password.isEmpty() ? "" : "***")
                + ", clientCertificate=" + hasClientCertificate() + ", insecure=" + insecure + "]";
    }
}
