package io.gitops4j.k8s.clusters;

import io.gitops4j.kube.Redaction;
import java.util.Objects;

/**
 * How to talk TLS to a cluster, as Argo CD's {@code tlsClientConfig}: the PEM data are
 * base64-encoded, as they are in the {@code config} JSON of an Argo CD cluster Secret (and in a
 * kubeconfig's {@code certificate-authority-data}).
 *
 * <p>{@link #toString()} never shows the client key.
 *
 * @param insecure skip verifying the server's certificate (for tests only)
 * @param serverName the name to verify the server's certificate against; GitOps4J refuses a
 *     non-empty one when it connects, since its HTTP client cannot override the TLS server name
 * @param caData base64 of the PEM certificates to trust, or empty for the JVM's trust store
 * @param certData base64 of the PEM client certificate, or empty
 * @param keyData base64 of the PEM client key, or empty
 */
public record TlsClientConfig(boolean insecure, String serverName, String caData, String certData, String keyData) {

    /**
     * Checks that every part is given.
     *
     * @param insecure skip verifying the server's certificate (for tests only)
     * @param serverName the name to verify the server's certificate against; GitOps4J refuses a non-empty one
     *     when it connects, since its HTTP client cannot override the TLS server name
     * @param caData base64 of the PEM certificates to trust, or empty for the JVM's trust store
     * @param certData base64 of the PEM client certificate, or empty
     * @param keyData base64 of the PEM client key, or empty
     * @throws NullPointerException when a part is {@code null}
     */
    public TlsClientConfig {
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(caData, "caData");
        Objects.requireNonNull(certData, "certData");
        Objects.requireNonNull(keyData, "keyData");
    }

    /**
     * Verify the server against the JVM's trust store, no client certificate.
     *
     * @return the configuration
     */
    public static TlsClientConfig defaults() {
        return new TlsClientConfig(false, "", "", "", "");
    }

    /**
     * Trust only the certificates of {@code caData} (base64 of PEM).
     *
     * @param caData the certificate authorities, base64 of PEM; empty for the JVM's trust store
     * @return the configuration
     */
    public static TlsClientConfig trusting(String caData) {
        return new TlsClientConfig(false, "", caData, "", "");
    }

    /**
     * This configuration with a client certificate and key (both base64 of PEM).
     *
     * @param certData the client certificate, base64 of PEM
     * @param keyData the client key, base64 of PEM
     * @return the new configuration
     */
    public TlsClientConfig withClientCertificate(String certData, String keyData) {
        return new TlsClientConfig(insecure, serverName, caData, certData, keyData);
    }

    /**
     * Whether a client certificate is configured.
     *
     * @return whether a certificate or key is set
     */
    public boolean hasClientCertificate() {
        return !certData.isEmpty() || !keyData.isEmpty();
    }

    @Override
    public String toString() {
        return "TlsClientConfig[insecure=" + insecure + ", serverName=" + serverName
                + ", caData=" + (caData.isEmpty() ? "" : "(" + caData.length() + " chars)")
                + ", certData=" + (certData.isEmpty() ? "" : "(" + certData.length() + " chars)")
                + ", keyData=" + (keyData.isEmpty() ? "" : Redaction.MASK) + "]";
    }
}
