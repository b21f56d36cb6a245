package io.gitops4j.core.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.engine.internal.StateCodec;
import io.gitops4j.kube.GitOpsException;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StateStore} in the cluster: one ConfigMap per application,
 * {@code gitops4j-app-<name>} in a namespace of your choosing, its state as JSON under
 * {@value #DATA_KEY}, labelled {@code app.kubernetes.io/managed-by: gitops4j}. Saves carry the
 * resourceVersion read (optimistic concurrency): a ConfigMap changed by someone else meanwhile
 * is a {@link StateConflictException}. A restarted process on the same cluster finds every
 * application's history, last sync and running operation, so it does not sync again what was
 * synced. Repository URLs are stored without their credentials. Thread-safe.
 */
public final class ClusterStateStore implements StateStore {

    /** The ConfigMap key holding the state. */
    public static final String DATA_KEY = "state.json";
    /** The prefix of every ConfigMap's name. */
    public static final String NAME_PREFIX = "gitops4j-app-";

    private final Cluster cluster;
    private final String namespace;
    private final StateCodec codec = new StateCodec();

    /**
     * @param cluster where the ConfigMaps live
     * @param namespace their namespace, which must exist
     */
    public ClusterStateStore(Cluster cluster, String namespace) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /**
     * The name of the application's ConfigMap.
     *
     * @param appName the application's name
     * @return the ConfigMap's {@code metadata.name}
     */
    public static String configMapName(String appName) {
        return NAME_PREFIX + appName;
    }

    @Override
    public Optional<Versioned> load(String appName) {
        return cluster.get(configMaps(), namespace, configMapName(appName)).map(configMap -> {
            String where = "ConfigMap " + namespace + "/" + configMapName(appName);
            String json = configMap.path("data").path(DATA_KEY).asText("");
            if (json.isEmpty()) {
                throw new GitOpsException(where + " has no " + DATA_KEY + "; delete it to start application " + appName
                        + " afresh");
            }
            try {
                return new Versioned(codec.decode(json), configMap.path("metadata").path("resourceVersion").asText());
            } catch (IllegalArgumentException e) {
                throw new GitOpsException(where + " holds no state this version can read (" + e.getMessage()
                        + "); delete it to start application " + appName + " afresh");
            }
        });
    }

    @Override
    public String save(String appName, StoredState state, Optional<String> expectedVersion) {
        ObjectNode configMap = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = configMap.putObject("metadata").put("name", configMapName(appName)).put("namespace", namespace);
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", "gitops4j");
        metadata.putObject("annotations").put("gitops4j.io/application", appName);
        configMap.putObject("data").put(DATA_KEY, codec.encode(state));
        try {
            ObjectNode stored;
            if (expectedVersion.isEmpty()) {
                stored = cluster.create(configMap);
            } else {
                metadata.put("resourceVersion", expectedVersion.get());
                stored = cluster.update(configMap);
            }
            return stored.path("metadata").path("resourceVersion").asText();
        } catch (ClusterException e) {
            if (e.code() == 409 || e.code() == 404) {
                String actual = load(appName).map(Versioned::version).orElse("(nothing stored)");
                throw new StateConflictException(appName, expectedVersion.orElse("(nothing stored)"), actual);
            }
            throw e;
        }
    }

    @Override
    public void delete(String appName) {
        cluster.delete(configMaps(), namespace, configMapName(appName));
    }

    private ResourceType configMaps() {
        return cluster.resourceType("v1", "ConfigMap").orElseThrow(() -> new ClusterException(404,
                "the cluster serves no v1 ConfigMap to keep application state in"));
    }
}
