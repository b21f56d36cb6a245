package io.gitops4j.k8s.clusters;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.k8s.fabric8.Fabric8Cluster;
import io.gitops4j.kube.Redaction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clusters an engine deploys to, found the way Argo CD finds an Application's destination:
 * by {@code destination.server} (the API server's URL) or {@code destination.name}, never both;
 * {@code https://kubernetes.default.svc} and the name {@code in-cluster} are the cluster the
 * engine runs in. Thread-safe.
 *
 * <p>A cluster is registered from a kubeconfig context, a bearer token, a TLS client certificate,
 * the in-cluster service account, an Argo CD cluster Secret, or as a {@link Cluster} built
 * elsewhere (a fake cluster in tests). Each is checked when registered (its version and API
 * discovery, within {@link Builder#checkTimeout}); the outcome is its {@link ConnectionState},
 * never an exception, so an unreachable cluster is registered as {@code Failed} and holds up no
 * other. Two clusters with the same server, or the same non-empty name, are refused. Each cluster
 * has its own {@link ConcurrencyLimit} for the engine to take permits from.
 *
 * <p>Messages and logs name clusters by name and server URL without credentials; tokens,
 * passwords and keys never reach text. Closing the registry closes the clients it built (not the
 * {@link Cluster}s it was given) and stops its check threads.
 */
public final class ClusterRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRegistry.class);
    private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    /** One cluster with what the registry keeps beside it. */
    private record Entry(RegisteredCluster registered, Supplier<String> version, List<String> secrets,
            Optional<KubernetesClient> owned) {
    }

    private final Duration checkTimeout;
    private final int concurrencyPerCluster;
    private final Path serviceAccount;
    private final ExecutorService checks;
    private final ConnectionCheck check;
    private final Fabric8Connections connections;
    private final Map<String, Entry> byServer = new LinkedHashMap<>();

    private ClusterRegistry(Builder builder) {
        this.checkTimeout = builder.checkTimeout;
        this.concurrencyPerCluster = builder.concurrencyPerCluster;
        this.serviceAccount = builder.serviceAccount;
        AtomicInteger threads = new AtomicInteger();
        this.checks = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "gitops4j-cluster-check-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.check = new ConnectionCheck(checks, checkTimeout, builder.clock);
        this.connections = new Fabric8Connections(checkTimeout);
    }

    /**
     * A registry with the defaults: checks bounded by 10 s, 10 concurrent requests per cluster.
     *
     * @return the registry
     */
    public static ClusterRegistry create() {
        return builder().build();
    }

    /**
     * Settings for a registry.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers a cluster declared as Argo CD declares one (token, client certificate, basic or no authentication).
     *
     * @param definition the cluster's name, server, namespaces and credentials
     * @return the registered cluster, with the outcome of its first check
     * @throws ClusterRegistryException when the name is missing, or a cluster with that name or server is
     *     registered
     */
    public RegisteredCluster register(ClusterDefinition definition) {
        String server = checkServer(definition.server(), "cluster '" + definition.name() + "'");
        refuseDuplicate(definition.name(), server);
        KubernetesClient client = connections.fromDefinition(definition);
        Fabric8Cluster cluster = new Fabric8Cluster(client);
        return add(definition.name(), server, definition.namespaces(), definition.clusterResources(), definition.project(),
                cluster, cluster::serverVersion, definition.config().secrets(), Optional.of(client));
    }

    /**
     * Registers the cluster an Argo CD cluster Secret declares; see {@link ClusterSecrets}.
     *
     * @param secret the Secret, labelled {@code argocd.argoproj.io/secret-type: cluster}
     * @return the registered cluster, with the outcome of its first check
     * @throws InvalidClusterSecretException naming the Secret and the field when it cannot be read
     */
    public RegisteredCluster registerSecret(JsonNode secret) {
        return register(ClusterSecrets.parse(secret));
    }

    /**
     * Registers the cluster at {@code server}, authenticated by a bearer token, trusting {@code caData} (base64 of PEM; empty: the JVM's trust store).
     *
     * @param name the cluster's name
     * @param server the API server URL
     * @param bearerToken the token
     * @param caData the certificate authorities to trust; empty for the JVM's trust store
     * @return the registered cluster, with the outcome of its first check
     */
    public RegisteredCluster registerToken(String name, String server, String bearerToken, String caData) {
        return register(ClusterDefinition.of(name, server, ClusterConfig.bearerToken(bearerToken, TlsClientConfig.trusting(caData))));
    }

    /**
     * Registers the cluster at {@code server}, authenticated by a TLS client certificate and key (base64 of PEM).
     *
     * @param name the cluster's name
     * @param server the API server URL
     * @param certData the client certificate
     * @param keyData the client key
     * @param caData the certificate authorities to trust; empty for the JVM's trust store
     * @return the registered cluster, with the outcome of its first check
     */
    public RegisteredCluster registerClientCertificate(String name, String server, String certData, String keyData, String caData) {
        return register(ClusterDefinition.of(name, server, ClusterConfig.clientCertificate(certData, keyData, caData)));
    }

    /**
     * Registers the cluster of a kubeconfig context under {@code name}, with the context's server,
     * user and namespace.
     *
     *
     * @param name the name to register the cluster under
     * @param kubeconfig the kubeconfig file
     * @param context the context, or empty for the kubeconfig's current context
     * @return the registered cluster, with the outcome of its first check
     */
    public RegisteredCluster registerKubeconfig(String name, Path kubeconfig, String context) {
        requireName(name, "the cluster of kubeconfig " + kubeconfig);
        KubernetesClient client = connections.fromKubeconfig(kubeconfig, context);
        String server = Fabric8Connections.server(client);
        try {
            checkServer(server, "cluster '" + name + "'");
            refuseDuplicate(name, server);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        Fabric8Cluster cluster = new Fabric8Cluster(client);
        return add(name, server, List.of(), false, "", cluster, cluster::serverVersion, List.of(), Optional.of(client));
    }

    /**
     * Registers the cluster this process runs in as Argo CD does: named {@code in-cluster} at
     * {@code https://kubernetes.default.svc}, authenticated by the pod's service account.
     *
     * @return the registered cluster, with the outcome of its first check
     */
    public RegisteredCluster registerInCluster() {
        refuseDuplicate(ClusterUrls.IN_CLUSTER_NAME, ClusterUrls.IN_CLUSTER_SERVER);
        KubernetesClient client = connections.inCluster(serviceAccount, ClusterUrls.IN_CLUSTER_SERVER);
        Fabric8Cluster cluster = new Fabric8Cluster(client);
        return add(ClusterUrls.IN_CLUSTER_NAME, ClusterUrls.IN_CLUSTER_SERVER, List.of(), false, "", cluster,
                cluster::serverVersion, List.of(), Optional.of(client));
    }

    /**
     * Registers a {@link Cluster} built elsewhere as the local cluster ({@code in-cluster}).
     *
     * @param cluster the client for the local cluster
     * @return the registered cluster, with the outcome of its first check
     */
    public RegisteredCluster registerLocal(Cluster cluster) {
        return register(ClusterUrls.IN_CLUSTER_NAME, ClusterUrls.IN_CLUSTER_SERVER, cluster);
    }

    /**
     * Registers a {@link Cluster} built elsewhere (a fake cluster in tests, a client configured by
     * the application) under {@code name} and {@code server}. The registry never closes it.
     *
     * @param name the cluster's name
     * @param server the API server URL destinations name it by
     * @param cluster the client
     * @return the registered cluster, with the outcome of its first check
     */
    public RegisteredCluster register(String name, String server, Cluster cluster) {
        requireName(name, "a cluster at " + Redaction.url(server));
        String normalized = checkServer(server, "cluster '" + name + "'");
        refuseDuplicate(name, normalized);
        return add(name, normalized, List.of(), false, "", cluster, () -> "", List.of(), Optional.empty());
    }

    /**
     * The cluster of an Argo CD destination: by {@code server} or by {@code name} (the other
     * empty). {@code https://kubernetes.default.svc} and {@code in-cluster} mean the local cluster.
     *
     *
     * @param server the destination's {@code server}, or empty
     * @param name the destination's {@code name}, or empty
     * @return the cluster
     * @throws ClusterRegistryException when both or neither are set, or no registered cluster matches
     */
    public RegisteredCluster resolve(String server, String name) {
        if (!server.isBlank() && !name.isBlank()) {
            throw new ClusterRegistryException("the destination sets both server " + Redaction.url(server) + " and name '" + name
                    + "'; an application destination names its cluster by server or by name, not both");
        }
        if (server.isBlank() && name.isBlank()) {
            throw new ClusterRegistryException("the destination sets neither server nor name; set destination.server to the"
                    + " cluster's URL or destination.name to its registered name");
        }
        if (!server.isBlank()) {
            return byServer(server).orElseThrow(() -> new ClusterRegistryException("no cluster with server "
                    + Redaction.url(ClusterUrls.normalize(server)) + " is registered (" + registeredList()
                    + "); register it, or fix destination.server"));
        }
        Optional<RegisteredCluster> named = byName(name);
        if (named.isEmpty() && name.trim().equals(ClusterUrls.IN_CLUSTER_NAME)) {
            named = byServer(ClusterUrls.IN_CLUSTER_SERVER);
        }
        return named.orElseThrow(() -> new ClusterRegistryException("there is no cluster named '" + name.trim()
                + "' (" + registeredList() + "); register it, or fix destination.name"));
    }

    /**
     * The cluster registered at {@code server} (trailing slashes ignored).
     *
     * @param server the API server URL
     * @return the cluster, or empty when none is registered there
     */
    public synchronized Optional<RegisteredCluster> byServer(String server) {
        return Optional.ofNullable(byServer.get(ClusterUrls.normalize(server))).map(Entry::registered);
    }

    /**
     * The cluster registered under {@code name}.
     *
     * @param name the cluster's name
     * @return the cluster, or empty when none has that name
     */
    public synchronized Optional<RegisteredCluster> byName(String name) {
        String wanted = name.trim();
        return wanted.isEmpty() ? Optional.empty() : byServer.values().stream().map(Entry::registered)
                .filter(c -> c.name().equals(wanted)).findFirst();
    }

    /**
     * Every registered cluster, by server URL.
     *
     * @return the clusters, sorted by server URL
     */
    public synchronized List<RegisteredCluster> clusters() {
        return byServer.values().stream().map(Entry::registered).sorted(Comparator.comparing(RegisteredCluster::server)).toList();
    }

    /**
     * Checks the cluster at {@code server} again and records the outcome.
     *
     *
     * @param server the API server URL
     * @return the cluster, with the outcome of the new check
     * @throws ClusterRegistryException when no cluster is registered there
     */
    public RegisteredCluster recheck(String server) {
        Entry entry;
        synchronized (this) {
            entry = byServer.get(ClusterUrls.normalize(server));
        }
        if (entry == null) {
            throw new ClusterRegistryException("no cluster with server " + Redaction.url(server) + " is registered");
        }
        ConnectionCheck.Outcome outcome = check.check(entry.registered().cluster(), entry.version(), entry.secrets());
        RegisteredCluster updated = entry.registered().withState(outcome.state(), outcome.serverVersion());
        synchronized (this) {
            if (byServer.get(updated.server()) == entry) {
                byServer.put(updated.server(), new Entry(updated, entry.version(), entry.secrets(), entry.owned()));
            }
        }
        report(updated);
        return updated;
    }

    /**
     * Checks every cluster again, all at once, each within the check timeout.
     *
     * @return the clusters, sorted by server URL, with the outcomes of the new checks
     */
    public List<RegisteredCluster> recheckAll() {
        List<Future<RegisteredCluster>> running = new ArrayList<>();
        for (RegisteredCluster cluster : clusters()) {
            running.add(checks.submit(() -> recheck(cluster.server())));
        }
        List<RegisteredCluster> checked = new ArrayList<>();
        for (Future<RegisteredCluster> future : running) {
            try {
                checked.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.debug("a cluster was unregistered while it was checked", e);
            }
        }
        return checked;
    }

    /**
     * Removes the cluster at {@code server} and closes the client the registry built for it.
     *
     *
     * @param server the API server URL
     * @return whether one was registered
     */
    public boolean unregister(String server) {
        Entry removed;
        synchronized (this) {
            removed = byServer.remove(ClusterUrls.normalize(server));
        }
        if (removed == null) {
            return false;
        }
        removed.owned().ifPresent(KubernetesClient::close);
        LOG.info("unregistered cluster {}", removed.registered().describe());
        return true;
    }

    @Override
    public void close() {
        List<Entry> entries;
        synchronized (this) {
            entries = new ArrayList<>(byServer.values());
            byServer.clear();
        }
        entries.forEach(e -> e.owned().ifPresent(KubernetesClient::close));
        checks.shutdownNow();
    }

    private RegisteredCluster add(String name, String server, List<String> namespaces, boolean clusterResources, String project,
            Cluster cluster, Supplier<String> version, List<String> secrets, Optional<KubernetesClient> owned) {
        ConnectionCheck.Outcome outcome = check.check(cluster, version, secrets);
        RegisteredCluster registered = new RegisteredCluster(name, server, namespaces, clusterResources, project, cluster,
                outcome.state(), outcome.serverVersion(), new ConcurrencyLimit(concurrencyPerCluster));
        synchronized (this) {
            try {
                refuseDuplicate(name, server);
            } catch (ClusterRegistryException e) {
                owned.ifPresent(KubernetesClient::close);
                throw e;
            }
            byServer.put(server, new Entry(registered, version, secrets, owned));
        }
        report(registered);
        return registered;
    }

    private synchronized void refuseDuplicate(String name, String server) {
        Entry sameServer = byServer.get(server);
        if (sameServer != null) {
            throw new ClusterRegistryException("a cluster with server " + Redaction.url(server) + " is already registered ("
                    + sameServer.registered().describe() + "); unregister it first, or register this one at its own URL");
        }
        if (!name.isEmpty()) {
            byServer.values().stream().map(Entry::registered).filter(c -> c.name().equals(name)).findFirst().ifPresent(c -> {
                throw new ClusterRegistryException("a cluster named '" + name + "' is already registered (" + c.describe()
                        + "); cluster names must be unique, so destination.name finds one cluster: rename one of them");
            });
        }
    }

    private static String checkServer(String server, String what) {
        String normalized = ClusterUrls.normalize(server);
        ClusterUrls.requireValid(normalized, what + ": server", ClusterRegistryException::new);
        return normalized;
    }

    private static void requireName(String name, String what) {
        if (name.isBlank()) {
            throw new ClusterRegistryException(what + " needs a name, which destination.name uses");
        }
    }


    private String registeredList() {
        List<RegisteredCluster> clusters = clusters();
        if (clusters.isEmpty()) {
            return "no cluster is registered";
        }
        return "registered: " + String.join(", ", clusters.stream().map(RegisteredCluster::describe).toList());
    }

    private static void report(RegisteredCluster cluster) {
        if (cluster.isReachable()) {
            LOG.info("cluster {} is reachable (Kubernetes {})", cluster.describe(), cluster.serverVersion());
        } else {
            LOG.warn("cluster {} is unreachable: {}", cluster.describe(), cluster.connectionState().message());
        }
    }

    /** The settings of a {@link ClusterRegistry}. */
    public static final class Builder {

        private Duration checkTimeout = Duration.ofSeconds(10);
        private int concurrencyPerCluster = 10;
        private Clock clock = Clock.systemUTC();
        private Path serviceAccount = SERVICE_ACCOUNT;

        private Builder() {
        }

        /**
         * How long a cluster has to answer its check (also the clients' connect timeout); default 10 s.
         *
         * @param timeout the timeout, positive
         * @return this builder
         * @throws IllegalArgumentException when {@code timeout} is zero or negative
         */
        public Builder checkTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the check timeout must be positive, not " + timeout);
            }
            this.checkTimeout = timeout;
            return this;
        }

        /**
         * How many permits each cluster's {@link ConcurrencyLimit} has; default 10.
         *
         * @param permits the permits, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code permits} is less than 1
         */
        public Builder concurrencyPerCluster(int permits) {
            if (permits < 1) {
                throw new IllegalArgumentException("each cluster needs at least one permit, not " + permits);
            }
            this.concurrencyPerCluster = permits;
            return this;
        }

        /**
         * The clock {@link ConnectionState#attemptedAt()} is read from; default the system's, in UTC.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Where {@link #registerInCluster()} reads the service account (token, ca.crt, namespace); default the pod's.
         *
         * @param directory the directory holding {@code token}, {@code ca.crt} and {@code namespace}
         * @return this builder
         */
        public Builder serviceAccountDirectory(Path directory) {
            this.serviceAccount = directory;
            return this;
        }

        /**
         * A registry with these settings and no cluster.
         *
         * @return the registry
         */
        public ClusterRegistry build() {
            return new ClusterRegistry(this);
        }
    }
}
