package io.gitops4j.k8s.clusters;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gitops4j.kube.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** Builds the fabric8 clients of registered clusters; no fabric8 type leaves the package. */
final class Fabric8Connections {

    private final Duration connectTimeout;

    Fabric8Connections(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** A client for a cluster declared with Argo CD's cluster config. */
    KubernetesClient fromDefinition(ClusterDefinition definition) {
        ClusterConfig config = definition.config();
        TlsClientConfig tls = config.tlsClientConfig();
        String where = describe(definition);
        if (!tls.serverName().isEmpty()) {
            throw new ClusterRegistryException(where + ": tlsClientConfig.serverName is not supported by GitOps4J (its HTTP"
                    + " client verifies the certificate against the server URL's host); remove it and use a URL whose host"
                    + " the certificate names");
        }
        Config fabric8 = Config.empty();
        fabric8.setMasterUrl(definition.server());
        fabric8.setTrustCerts(tls.insecure());
        fabric8.setDisableHostnameVerification(tls.insecure());
        setIfPresent(tls.caData(), fabric8::setCaCertData);
        setIfPresent(tls.certData(), fabric8::setClientCertData);
        setIfPresent(tls.keyData(), fabric8::setClientKeyData);
        if (!tls.keyData().isEmpty()) {
            fabric8.setClientKeyAlgo(KeyAlgorithms.of(tls.keyData()));
        }
        setIfPresent(config.bearerToken(), fabric8::setOauthToken);
        setIfPresent(config.username(), fabric8::setUsername);
        setIfPresent(config.password(), fabric8::setPassword);
        try {
            return build(fabric8);
        } catch (RuntimeException e) {
            // fabric8 reads the CA and the client certificate and key here.
            throw new ClusterRegistryException(where + ": cannot build a client: "
                    + Redaction.text(rootMessage(e), config.secrets()).lines().findFirst().orElse("")
                    + "; check tlsClientConfig (caData, certData and keyData hold the base64 of PEM blocks)");
        }
    }

    /** A client for the context of a kubeconfig file ({@code context} empty: its current context). */
    KubernetesClient fromKubeconfig(Path kubeconfig, String context) {
        String text;
        try {
            text = Files.readString(kubeconfig, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ClusterRegistryException("cannot read the kubeconfig " + kubeconfig + ": " + e.getClass().getSimpleName()
                    + "; check that the file exists and is readable");
        }
        Config fabric8;
        try {
            fabric8 = Config.fromKubeconfig(context.isEmpty() ? null : context, text, kubeconfig.toString());
        } catch (RuntimeException e) {
            throw new ClusterRegistryException("cannot use the kubeconfig " + kubeconfig
                    + (context.isEmpty() ? "" : " (context '" + context + "')") + ": "
                    + Redaction.text(String.valueOf(e.getMessage())) + "; check the file and the context name");
        }
        if (!context.isEmpty() && (fabric8.getCurrentContext() == null || !context.equals(fabric8.getCurrentContext().getName()))) {
            throw new ClusterRegistryException("the kubeconfig " + kubeconfig + " has no context '" + context
                    + "'; name one of its contexts");
        }
        if (fabric8.getMasterUrl() == null || fabric8.getMasterUrl().isBlank()) {
            throw new ClusterRegistryException("the kubeconfig " + kubeconfig + " names no server"
                    + (context.isEmpty() ? " in its current context" : " for context '" + context + "'"));
        }
        return build(fabric8);
    }

    /**
     * A client for the cluster this process runs in, from its service account: the token and CA
     * under {@code serviceAccount} and the API server at {@code server}.
     */
    KubernetesClient inCluster(Path serviceAccount, String server) {
        Path token = serviceAccount.resolve("token");
        Path ca = serviceAccount.resolve("ca.crt");
        if (!Files.isReadable(token)) {
            throw new ClusterRegistryException("cannot register the in-cluster cluster: no readable service account token at "
                    + token + "; run in a pod with a service account, or register the cluster with a kubeconfig");
        }
        try {
            Config fabric8 = Config.empty();
            fabric8.setMasterUrl(server);
            fabric8.setOauthToken(Files.readString(token, StandardCharsets.UTF_8).trim());
            if (Files.isReadable(ca)) {
                fabric8.setCaCertData(Base64.getEncoder().encodeToString(Files.readAllBytes(ca)));
            }
            Path namespace = serviceAccount.resolve("namespace");
            if (Files.isReadable(namespace)) {
                fabric8.setNamespace(Files.readString(namespace, StandardCharsets.UTF_8).trim());
            }
            return build(fabric8);
        } catch (IOException e) {
            throw new ClusterRegistryException("cannot read the service account under " + serviceAccount + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** The server URL a client talks to. */
    static String server(KubernetesClient client) {
        return ClusterUrls.normalize(client.getConfiguration().getMasterUrl());
    }

    private KubernetesClient build(Config fabric8) {
        int millis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        fabric8.setConnectionTimeout(millis);
        return new KubernetesClientBuilder().withConfig(fabric8).build();
    }

    private static void setIfPresent(String value, java.util.function.Consumer<String> setter) {
        if (!value.isEmpty()) {
            setter.accept(value);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String describe(ClusterDefinition definition) {
        return "cluster '" + definition.name() + "' (" + Redaction.url(definition.server()) + ")";
    }
}
