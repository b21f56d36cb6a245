package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.k8s.clusters.ClusterRegistry;
import io.gitops4j.k8s.clusters.ClusterRegistryException;
import io.gitops4j.k8s.clusters.RegisteredCluster;
import io.gitops4j.kube.KubernetesObjects;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argo CD's cluster Secrets ({@code argocd.argoproj.io/secret-type: cluster}) of one namespace,
 * kept registered in a {@link ClusterRegistry} while the controller runs, as Argo CD's controller
 * reads its clusters: a Secret added is registered, a Secret whose {@code data} changed is
 * registered again (new server, credentials or TLS settings, in {@code data} or
 * {@code stringData}), and a Secret deleted (or no longer labelled) unregisters its cluster; the
 * applications of that cluster then turn Unknown with an {@code InvalidSpecError} naming it, and
 * nothing of theirs is synced or pruned. A Secret that
 * cannot be read is skipped with a warning naming it and the field (never a value), and the
 * others go on. A {@link Listener} hears of each registration, refusal and removal, and of the
 * servers concerned after each change.
 *
 * <pre>{@code
 * ClusterRegistry clusters = ClusterRegistry.create();
 * try (ClusterSecretWatch secrets = new ClusterSecretWatch(cluster, "argocd", clusters, new Listener() { })) {
 *     secrets.start();
 *     ...
 * }
 * }</pre>
 *
 * <p>A watch the cluster ends is started again from a fresh list, which tells the Secrets
 * deleted meanwhile. Only the clusters this watch registered are ever unregistered by it. In
 * controller mode the Secrets come from the one reader of cluster Secrets the controller shares
 * with its other consumers (the ApplicationSet {@code clusters} generator, the shards): one LIST
 * and one WATCH in all. Thread-safe.
 */
public final class ClusterSecretWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterSecretWatch.class);

    /** Hears what the watch does; every method does nothing unless overridden. Called under the watch's lock. */
    public interface Listener {

        /**
         * A cluster Secret was registered.
         *
         * @param secret the Secret's name
         * @param cluster the cluster, with the outcome of its first check
         */
        default void registered(String secret, RegisteredCluster cluster) {
        }

        /**
         * A cluster Secret could not be registered; it is left out.
         *
         * @param secret the Secret's name
         * @param message why, naming the Secret and the field, never a value
         */
        default void refused(String secret, String message) {
        }

        /**
         * A cluster Secret was deleted (or changed): its cluster was unregistered.
         *
         * @param secret the Secret's name
         * @param server the server URL of the cluster unregistered
         */
        default void unregistered(String secret, String server) {
        }

        /**
         * One list or event changed the registry.
         *
         * @param servers the server URLs registered or unregistered
         */
        default void changed(Set<String> servers) {
        }
    }

    /** What a Secret registered: its cluster's server and the Secret's data it was registered from. */
    private record Registration(String server, JsonNode data) {
    }

    private final ClusterSecretInformer source;
    private final boolean ownSource;
    private final String namespace;
    private final ClusterRegistry registry;
    private final Listener listener;
    private final Map<String, Registration> bySecret = new HashMap<>();
    private boolean closed;

    /**
     * A watch with a reader of the Secrets of its own.
     *
     * @param cluster the cluster holding the Secrets (the controller's own)
     * @param namespace the namespace of the Secrets, usually {@code argocd}
     * @param registry where the clusters are registered
     * @param listener told of every registration, refusal and removal
     */
    public ClusterSecretWatch(Cluster cluster, String namespace, ClusterRegistry registry, Listener listener) {
        this(new ClusterSecretInformer(cluster, namespace), true, registry, listener);
    }

    /** A watch fed by {@code source}, which the caller starts and closes. */
    ClusterSecretWatch(ClusterSecretInformer source, ClusterRegistry registry, Listener listener) {
        this(source, false, registry, listener);
    }

    private ClusterSecretWatch(ClusterSecretInformer source, boolean ownSource, ClusterRegistry registry,
            Listener listener) {
        this.source = source;
        this.ownSource = ownSource;
        this.namespace = source.namespace();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.listener = Objects.requireNonNull(listener, "listener");
        source.subscribe(new ClusterSecretInformer.Consumer() {
            @Override
            public void listed(List<ObjectNode> secrets) {
                ClusterSecretWatch.this.listed(secrets);
            }

            @Override
            public void changed(ObjectNode secret) {
                ClusterSecretWatch.this.changed(secret);
            }

            @Override
            public void deleted(String name) {
                ClusterSecretWatch.this.deleted(name);
            }
        });
    }

    /**
     * Lists the namespace's cluster Secrets, registers each one, and watches from there (with a
     * reader shared with other consumers, that reader's start does it; this call then does nothing).
     *
     * @throws ClusterException when the Secrets cannot be listed
     */
    public void start() {
        if (ownSource) {
            source.start();
        }
    }

    private synchronized void listed(List<ObjectNode> secrets) {
        if (closed) {
            return;
        }
        Set<String> concerned = new HashSet<>();
        Set<String> listed = new HashSet<>();
        for (ObjectNode secret : secrets) {
            listed.add(KubernetesObjects.name(secret));
            seen(secret, concerned);
        }
        for (String name : Set.copyOf(bySecret.keySet())) {
            if (!listed.contains(name)) {
                gone(name, concerned);
            }
        }
        tell(concerned);
    }

    /** {@return the server URL each cluster Secret registered, by the Secret's name} */
    public synchronized Map<String, String> registered() {
        Map<String, String> servers = new HashMap<>();
        bySecret.forEach((secret, registration) -> servers.put(secret, registration.server()));
        return Map.copyOf(servers);
    }

    private synchronized void changed(ObjectNode secret) {
        if (closed) {
            return;
        }
        Set<String> concerned = new HashSet<>();
        seen(secret, concerned);
        tell(concerned);
    }

    private synchronized void deleted(String name) {
        if (closed) {
            return;
        }
        Set<String> concerned = new HashSet<>();
        gone(name, concerned);
        tell(concerned);
    }

    private void seen(ObjectNode secret, Set<String> concerned) {
        String name = KubernetesObjects.name(secret);
        ObjectNode data = secret.objectNode();
        data.set("data", secret.path("data").deepCopy());
        data.set("stringData", secret.path("stringData").deepCopy());
        Registration before = bySecret.get(name);
        if (before != null && before.data().equals(data)) {
            return;   // metadata only: the cluster is as registered
        }
        if (before != null) {
            gone(name, concerned);
        }
        try {
            RegisteredCluster registered = registry.registerSecret(secret);
            bySecret.put(name, new Registration(registered.server(), data));
            concerned.add(registered.server());
            LOG.info("destination cluster {} from Secret {}/{}", registered.describe(), namespace, name);
            report(() -> listener.registered(name, registered));
        } catch (ClusterRegistryException e) {
            LOG.warn("cluster Secret {}/{} is not registered: {}", namespace, name, e.getMessage());
            report(() -> listener.refused(name, e.getMessage()));
        }
    }

    private void gone(String name, Set<String> concerned) {
        Registration before = bySecret.remove(name);
        if (before != null && registry.unregister(before.server())) {
            concerned.add(before.server());
            LOG.info("cluster Secret {}/{} is gone: its cluster is no longer a destination", namespace, name);
            report(() -> listener.unregistered(name, before.server()));
        }
    }

    private void tell(Set<String> concerned) {
        if (concerned.isEmpty()) {
            return;
        }
        report(() -> listener.changed(Set.copyOf(concerned)));
    }

    /** A failing listener is logged, never stops the watch. */
    private static void report(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("a listener of cluster Secrets failed: {}", e.toString());
        }
    }

    /** Stops watching; the clusters registered stay registered. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (ownSource) {
            source.close();
        }
    }
}
