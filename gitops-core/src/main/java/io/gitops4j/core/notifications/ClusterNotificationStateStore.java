package io.gitops4j.core.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.GitOpsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link NotificationStateStore} in the cluster, so each notification is sent once per event
 * across restarts: one ConfigMap per application, {@code gitops4j-notified-<hash>} (the hash of
 * the application's key, which the ConfigMap's {@value #APP_ANNOTATION} annotation names), its
 * keys as a JSON list under {@value #DATA_KEY}, the newest {@link #MAX_KEYS} kept (as Argo CD
 * truncates its {@code notified.notifications.argoproj.io} annotation). Writes carry the
 * resourceVersion read, so {@link #markNotified} is atomic across processes: a conflict reads
 * the ConfigMap again and decides again. Each application's keys are read once and then kept in
 * memory, so evaluating a status costs no request unless something changes. Thread-safe.
 */
public final class ClusterNotificationStateStore implements NotificationStateStore {

    /** The ConfigMap key holding the list of sent notifications. */
    public static final String DATA_KEY = "notified.json";
    /** The annotation naming the application a ConfigMap belongs to. */
    public static final String APP_ANNOTATION = "gitops4j.io/notified-application";
    /** How many notification keys are kept per application, the newest. */
    public static final int MAX_KEYS = 100;

    private static final int ATTEMPTS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is stored for one application: its keys, oldest first, and the version read. */
    private record Stored(LinkedHashSet<String> keys, Optional<String> version) {
    }

    private final Cluster cluster;
    private final String namespace;
    private final Map<String, Stored> known = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param cluster where the ConfigMaps live
     * @param namespace their namespace, which must exist
     */
    public ClusterNotificationStateStore(Cluster cluster, String namespace) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * The name of the ConfigMap of the application whose key is {@code application}.
     *
     * @param application the application's key ({@code namespace/name/uid})
     * @return the ConfigMap's {@code metadata.name}
     */
    public static String configMapName(String application) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(application.getBytes(StandardCharsets.UTF_8));
            return "gitops4j-notified-" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    @Override
    public boolean markNotified(String application, String key) {
        synchronized (lock(application)) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Stored stored = known.computeIfAbsent(application, this::read);
                if (stored.keys().contains(key)) {
                    return false;
                }
                LinkedHashSet<String> keys = new LinkedHashSet<>(stored.keys());
                keys.add(key);
                while (keys.size() > MAX_KEYS) {
                    keys.remove(keys.iterator().next());
                }
                if (write(application, keys, stored.version())) {
                    return true;
                }
                known.remove(application);   // changed by another process: read again and decide again
            }
            throw new GitOpsException("ConfigMap " + namespace + "/" + configMapName(application) + " kept changing "
                    + "while notification '" + key + "' was recorded; it is not sent now and is tried again later");
        }
    }

    @Override
    public void forget(String application, String key) {
        synchronized (lock(application)) {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                Stored stored = known.computeIfAbsent(application, this::read);
                if (!stored.keys().contains(key)) {
                    return;
                }
                LinkedHashSet<String> keys = new LinkedHashSet<>(stored.keys());
                keys.remove(key);
                if (write(application, keys, stored.version())) {
                    return;
                }
                known.remove(application);
            }
        }
    }

    @Override
    public boolean isNotified(String application, String key) {
        return known.computeIfAbsent(application, this::read).keys().contains(key);
    }

    private Object lock(String application) {
        return locks.computeIfAbsent(application, a -> new Object());
    }

    private Stored read(String application) {
        Optional<ObjectNode> configMap = cluster.get(configMaps(), namespace, configMapName(application));
        if (configMap.isEmpty()) {
            return new Stored(new LinkedHashSet<>(), Optional.empty());
        }
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        String text = configMap.get().path("data").path(DATA_KEY).asText("[]");
        try {
            JsonNode list = JSON.readTree(text);
            list.forEach(k -> keys.add(k.asText()));
        } catch (java.io.IOException e) {
            throw new GitOpsException("ConfigMap " + namespace + "/" + configMapName(application) + " holds no JSON list "
                    + "under " + DATA_KEY + " (" + e.getMessage().lines().findFirst().orElse("") + "); delete it, and "
                    + "notifications of " + application + " may be sent once more");
        }
        return new Stored(keys, Optional.of(configMap.get().path("metadata").path("resourceVersion").asText()));
    }

    /** Writes the keys if the ConfigMap is still at {@code version}; whether it was. */
    private boolean write(String application, LinkedHashSet<String> keys, Optional<String> version) {
        ObjectNode configMap = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = configMap.putObject("metadata").put("name", configMapName(application))
                .put("namespace", namespace);
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", "gitops4j");
        metadata.putObject("annotations").put(APP_ANNOTATION, application);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        keys.forEach(list::add);
        configMap.putObject("data").put(DATA_KEY, list.toString());
        try {
            ObjectNode stored;
            if (version.isEmpty()) {
                stored = cluster.create(configMap);
            } else {
                metadata.put("resourceVersion", version.get());
                stored = cluster.update(configMap);
            }
            known.put(application, new Stored(keys,
                    Optional.of(stored.path("metadata").path("resourceVersion").asText())));
            return true;
        } catch (ClusterException e) {
            if (e.code() == 409 || e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    private ResourceType configMaps() {
        return cluster.resourceType("v1", "ConfigMap").orElseThrow(() -> new ClusterException(404,
                "the cluster serves no v1 ConfigMap to keep sent notifications in"));
    }

    /** The keys recorded for an application, oldest first (for tests and diagnostics). */
    List<String> keys(String application) {
        return new ArrayList<>(known.computeIfAbsent(application, this::read).keys());
    }
}
