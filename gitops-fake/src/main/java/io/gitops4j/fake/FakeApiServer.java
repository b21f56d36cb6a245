package io.gitops4j.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.gitops4j.fake.internal.http.ApiHandler;
import io.gitops4j.fake.internal.http.SelfSignedCertificate;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FakeCluster} served over HTTP as the Kubernetes REST API, so that a real fabric8
 * {@code KubernetesClient}, {@code kubectl} or any other client can use it: discovery
 * ({@code /api}, {@code /apis}, resource lists, {@code /version}), get, list, watch, create,
 * update, patch, delete and deletecollection on every served type, the status subresource, and
 * failures as {@code Status} objects. It binds to 127.0.0.1, no authentication, and starts in
 * milliseconds: over plain HTTP ({@link #start(FakeCluster)}), or over HTTPS with a self-signed
 * certificate made at start for {@code 127.0.0.1} and {@code localhost} ({@link #startTls(FakeCluster)}),
 * which {@link #kubeconfig()} then names as {@code certificate-authority-data}, so that clients
 * that refuse plain HTTP, or code that must be tested over TLS, talk to it as to a real cluster.
 *
 * <pre>{@code
 * FakeCluster cluster = new FakeCluster();
 * try (FakeApiServer server = FakeApiServer.start(cluster)) {
 *     KubernetesClient client = new KubernetesClientBuilder()
 *             .withConfig(Config.fromKubeconfig(server.kubeconfig())).build();
 *     ...
 * }
 * }</pre>
 *
 * <p>Built on the JDK's own {@code com.sun.net.httpserver}: no dependency, and chunked streaming
 * for watches (one server thread per open watch). Watches over WebSocket are not served; fabric8
 * falls back to HTTP streaming by itself (set {@code onlyHttpWatches} to skip the attempt).
 * Starting a server sets the system property {@code sun.net.httpserver.nodelay} to {@code true}
 * unless it is set already: without TCP_NODELAY each small answer waits for a delayed ACK.
 */
public final class FakeApiServer implements AutoCloseable {

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final FakeCluster cluster;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ApiHandler handler;
    private final Optional<SelfSignedCertificate> tls;

    private FakeApiServer(FakeCluster cluster, HttpServer server, ExecutorService executor, ApiHandler handler,
            Optional<SelfSignedCertificate> tls) {
        this.cluster = cluster;
        this.server = server;
        this.executor = executor;
        this.handler = handler;
        this.tls = tls;
    }

    /**
     * Serves {@code cluster} on a free port of 127.0.0.1.
     *
     * @param cluster the cluster to serve
     * @return the running server; {@link #close()} stops it
     */
    public static FakeApiServer start(FakeCluster cluster) {
        return start(cluster, 0);
    }

    /**
     * Serves {@code cluster} on a port of 127.0.0.1.
     *
     *
     * @param cluster the cluster to serve
     * @param port the port, or 0 for a free one
     * @return the running server; {@link #close()} stops it
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static FakeApiServer start(FakeCluster cluster, int port) {
        return start(cluster, port, Optional.empty());
    }

    /**
     * Serves {@code cluster} over HTTPS on a free port of 127.0.0.1, with a certificate made now.
     *
     * @param cluster the cluster to serve
     * @return the running server; {@link #close()} stops it
     */
    public static FakeApiServer startTls(FakeCluster cluster) {
        return startTls(cluster, 0);
    }

    /**
     * Serves {@code cluster} over HTTPS on a port of 127.0.0.1, with a self-signed ECDSA P-256
     * certificate for {@code 127.0.0.1} and {@code localhost} made now (valid from a day ago for a
     * year by the wall clock, which clients check it against); its key never leaves the process.
     *
     * @param cluster the cluster to serve
     * @param port the port, or 0 for a free one
     * @return the running server; {@link #close()} stops it
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static FakeApiServer startTls(FakeCluster cluster, int port) {
        return start(cluster, port, Optional.of(SelfSignedCertificate.create(Instant.now())));
    }

    private static FakeApiServer start(FakeCluster cluster, int port, Optional<SelfSignedCertificate> tls) {
        // Without TCP_NODELAY, every small answer waits for the client's delayed ACK (~40 ms).
        // The JDK server reads this once, when its first server starts.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer server;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            if (tls.isPresent()) {
                HttpsServer https = HttpsServer.create(address, 128);
                https.setHttpsConfigurator(new HttpsConfigurator(tls.get().sslContext()));
                server = https;
            } else {
                server = HttpServer.create(address, 128);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the fake cluster on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        int boundPort = server.getAddress().getPort();
        AtomicInteger thread = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread t = new Thread(runnable, "fake-apiserver-" + boundPort + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ApiHandler handler = new ApiHandler(cluster.api(), "127.0.0.1:" + boundPort);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return new FakeApiServer(cluster, server, executor, handler, tls);
    }

    /**
     * The cluster served.
     *
     * @return the cluster
     */
    public FakeCluster cluster() {
        return cluster;
    }

    /**
     * The port served on.
     *
     * @return the bound port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * The base URL of the API, for example {@code http://127.0.0.1:40123}, or {@code https://...}
     * when served over TLS.
     *
     * @return the URL, without a trailing slash
     */
    public String url() {
        return (tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + port();
    }

    /**
     * The certificate served over TLS, which is its own certificate authority: a client trusts the
     * server by trusting it.
     *
     * @return the certificate; empty when served over plain HTTP
     */
    public Optional<X509Certificate> certificate() {
        return tls.map(SelfSignedCertificate::certificate);
    }

    /**
     * A kubeconfig with one cluster, user and context named {@code gitops4j-fake}, pointing at
     * this server with namespace {@code default}, and over TLS the server's certificate as
     * {@code certificate-authority-data} and a token the server does not check (without
     * credentials kubectl asks for a password on stdin); {@code kubectl} and fabric8 read it.
     *
     * @return the kubeconfig as YAML
     */
    public String kubeconfig() {
        ObjectNode config = Json.object().put("apiVersion", "v1").put("kind", "Config")
                .put("current-context", "gitops4j-fake");
        ObjectNode clusterEntry = config.putArray("clusters").addObject().put("name", "gitops4j-fake").putObject("cluster")
                .put("server", url());
        tls.ifPresent(t -> clusterEntry.put("certificate-authority-data",
                Base64.getEncoder().encodeToString(t.pem().getBytes(StandardCharsets.US_ASCII))));
        ObjectNode user = config.putArray("users").addObject().put("name", "gitops4j-fake").putObject("user");
        if (tls.isPresent()) {
            // kubectl asks for a user name and password on stdin when an HTTPS server has no
            // credentials; the fake checks none, so any token will do
            user.put("token", "gitops4j-fake-cluster");
        }
        config.putArray("contexts").addObject().put("name", "gitops4j-fake").putObject("context")
                .put("cluster", "gitops4j-fake").put("user", "gitops4j-fake").put("namespace", "default");
        config.putObject("preferences");
        return Yaml.write(config);
    }

    /**
     * Writes {@link #kubeconfig()} to a file, creating its directory.
     *
     *
     * @param file where to write it; an existing file is replaced
     * @return the file
     * @throws UncheckedIOException when the file cannot be written
     */
    public Path writeKubeconfig(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, kubeconfig(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kubeconfig to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Stops serving: open watches end, the port is released. The cluster stays usable in process. */
    @Override
    public void close() {
        handler.closeWatches();
        server.stop(0);
        executor.shutdownNow();
    }
}
