package io.gitops4j.k8s.clusters;

import io.gitops4j.kube.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to authenticate to a cluster, as the {@code config} of an Argo CD cluster: a bearer token,
 * or a user name and password, and the TLS settings (which may carry a client certificate).
 * Empty strings mean "not set".
 *
 * <p>{@link #toString()} never shows the token, the password or the client key.
 *
 * @param username basic-authentication user name
 * @param password basic-authentication password
 * @param bearerToken the bearer token (a service account token, for example)
 * @param tlsClientConfig the TLS settings
 */
public record ClusterConfig(String username, String password, String bearerToken, TlsClientConfig tlsClientConfig) {

    /**
     * Checks that every part is given.
     *
     * @param username basic-authentication user name
     * @param password basic-authentication password
     * @param bearerToken the bearer token (a service account token, for example)
     * @param tlsClientConfig the TLS settings
     * @throws NullPointerException when a part is {@code null}
     */
    public ClusterConfig {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(bearerToken, "bearerToken");
        Objects.requireNonNull(tlsClientConfig, "tlsClientConfig");
    }

    /**
     * Authenticate with a bearer token, verifying the server with {@code tls}.
     *
     * @param token the bearer token
     * @param tls how to verify the server
     * @return the configuration
     */
    public static ClusterConfig bearerToken(String token, TlsClientConfig tls) {
        return new ClusterConfig("", "", token, tls);
    }

    /**
     * Authenticate with a TLS client certificate and key (both base64 of PEM), trusting {@code caData}.
     *
     * @param certData the client certificate, base64 of PEM
     * @param keyData the client key, base64 of PEM
     * @param caData the certificate authorities to trust, base64 of PEM; empty for the JVM's trust store
     * @return the configuration
     */
    public static ClusterConfig clientCertificate(String certData, String keyData, String caData) {
        return new ClusterConfig("", "", "", TlsClientConfig.trusting(caData).withClientCertificate(certData, keyData));
    }

    /**
     * Authenticate with a user name and password.
     *
     * @param username the user name
     * @param password the password
     * @param tls how to verify the server
     * @return the configuration
     */
    public static ClusterConfig basic(String username, String password, TlsClientConfig tls) {
        return new ClusterConfig(username, password, "", tls);
    }

    /**
     * No credentials (a cluster that lets anonymous requests through, such as a test server).
     *
     * @return the configuration
     */
    public static ClusterConfig anonymous() {
        return new ClusterConfig("", "", "", TlsClientConfig.defaults());
    }

    /**
     * The values that must never reach text, for {@link Redaction#text(String, java.util.Collection)}.
     *
     * @return the password, token and client key that are set
     */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        for (String value : List.of(password, bearerToken, tlsClientConfig.keyData())) {
            if (!value.isEmpty()) {
                secrets.add(value);
            }
        }
        return secrets;
    }

    @Override
    public String toString() {
        return "ClusterConfig[username=" + username + ", password=" + (password.isEmpty() ? "" : Redaction.MASK)
                + ", bearerToken=" + (bearerToken.isEmpty() ? "" : Redaction.MASK)
                + ", tlsClientConfig=" + tlsClientConfig + "]";
    }
}
