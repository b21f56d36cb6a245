package io.gitops4j.core.crd.sharding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.k8s.clusters.ClusterSecrets;
import io.gitops4j.kube.KubernetesObjects;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which shard an Application belongs to, as Argo CD's application controller decides with its
 * default ({@code legacy}) sharding: by the destination cluster. The destination
 * ({@code spec.destination.server}, else {@code .name}) is looked up among the cluster Secrets
 * (label {@code argocd.argoproj.io/secret-type: cluster}); a Secret's {@code shard} key fixes the
 * shard when it is below the number of replicas (else shard 0, as Argo CD), otherwise the shard is
 * {@link LegacyShardFunction} of the Secret's uid. A destination no Secret declares (the in-cluster
 * one, {@code https://kubernetes.default.svc} or {@code in-cluster}) is shard 0, and so is one that
 * cannot be resolved (Argo CD lets every shard process those; here one replica owns each
 * Application). GitOps4J's own annotation {@value #SHARD_ANNOTATION} on an Application fixes that
 * one Application's shard. Immutable; thread-safe.
 */
public final class ApplicationShards {

    /** GitOps4J's annotation fixing an Application's shard: a number from 0 to replicas - 1. */
    public static final String SHARD_ANNOTATION = "gitops4j.io/shard";

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationShards.class);

    /** A destination cluster as far as sharding is concerned. */
    private record ClusterShard(String secret, int shard) {
    }

    private final int replicas;
    private final Map<String, ClusterShard> byServer = new HashMap<>();
    private final Map<String, ClusterShard> byName = new HashMap<>();

    private ApplicationShards(int replicas, List<? extends JsonNode> clusterSecrets) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, not " + replicas);
        }
        this.replicas = replicas;
        for (JsonNode secret : clusterSecrets) {
            String server = trimSlash(data(secret, "server"));
            String name = data(secret, "name");
            ClusterShard cluster = new ClusterShard(KubernetesObjects.name(secret), clusterShard(secret));
            if (!server.isEmpty()) {
                byServer.putIfAbsent(server, cluster);
            }
            if (!name.isEmpty()) {
                byName.putIfAbsent(name, cluster);
            }
        }
    }

    /**
     * Shards over the given cluster Secrets.
     *
     * @param replicas how many shards there are
     * @param clusterSecrets Argo CD's cluster Secrets, as read from the API server
     * @return the shards
     */
    public static ApplicationShards of(int replicas, List<? extends JsonNode> clusterSecrets) {
        return new ApplicationShards(replicas, clusterSecrets);
    }

    /**
     * Shards over the cluster Secrets of a namespace, read now.
     *
     * @param cluster the cluster the controller runs against
     * @param namespace where Argo CD's cluster Secrets are (the controller's first namespace)
     * @param replicas how many shards there are
     * @return the shards
     */
    public static ApplicationShards fromCluster(Cluster cluster, String namespace, int replicas) {
        List<ObjectNode> secrets = cluster.list(BuiltInResourceTypes.SECRET, ListOptions.inNamespace(namespace)
                .withLabelSelector(ClusterSecrets.SECRET_TYPE_LABEL + "=" + ClusterSecrets.SECRET_TYPE_CLUSTER));
        return new ApplicationShards(replicas, secrets);
    }

    /** {@return how many shards there are} */
    public int replicas() {
        return replicas;
    }

    /**
     * The shard of an Application object.
     *
     * @param application the Application as read from the API server; its spec need not be valid
     * @return the shard, from 0 to {@code replicas - 1}
     */
    public int shardOf(JsonNode application) {
        String fixed = KubernetesObjects.annotation(application, SHARD_ANNOTATION).trim();
        if (!fixed.isEmpty()) {
            Optional<Integer> shard = parse(fixed).filter(s -> s < replicas);
            if (shard.isPresent()) {
                return shard.get();
            }
            LOG.warn("Application {}/{}: annotation {}: '{}' is not a shard from 0 to {}; sharded by its destination",
                    KubernetesObjects.namespace(application), KubernetesObjects.name(application), SHARD_ANNOTATION,
                    fixed, replicas - 1);
        }
        JsonNode destination = application.path("spec").path("destination");
        String server = trimSlash(destination.path("server").asText(""));
        String name = destination.path("name").asText("");
        ClusterShard cluster = !server.isEmpty() ? byServer.get(server) : byName.get(name);
        return cluster == null ? 0 : cluster.shard();
    }

    private int clusterShard(JsonNode secret) {
        String requested = data(secret, "shard").trim();
        if (!requested.isEmpty()) {
            Optional<Integer> shard = parse(requested);
            if (shard.isPresent() && shard.get() < replicas) {
                return shard.get();
            }
            LOG.warn("cluster Secret {}: shard '{}' is not a shard from 0 to {}; using shard 0",
                    KubernetesObjects.name(secret), requested, replicas - 1);
            return 0;
        }
        return LegacyShardFunction.shardOf(secret.path("metadata").path("uid").asText(""), replicas);
    }

    private static Optional<Integer> parse(String text) {
        try {
            int value = Integer.parseInt(text);
            return value < 0 ? Optional.empty() : Optional.of(value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A key of the Secret's {@code data} (base64), else of {@code stringData}; empty when missing or unreadable. */
    private static String data(JsonNode secret, String key) {
        JsonNode encoded = secret.path("data").path(key);
        if (encoded.isTextual()) {
            try {
                return new String(Base64.getDecoder().decode(encoded.asText()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return secret.path("stringData").path(key).asText("");
    }

    private static String trimSlash(String server) {
        String trimmed = server;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
