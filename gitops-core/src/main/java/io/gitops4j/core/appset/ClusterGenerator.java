package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.appset.gotemplate.Names;
import io.gitops4j.kube.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code clusters} generator: one parameter set per cluster whose labels match
 * {@code selector} ({@code name}, {@code nameNormalized}, {@code server}, {@code project}, the
 * labels and annotations as {@code metadata.labels.<k>} or, with Go templates,
 * {@code metadata.labels}), plus {@code values}. The local cluster ({@code in-cluster}) is added
 * last when no cluster has its URL and the selector is empty, as Argo CD does for a local cluster
 * without a secret. {@code flatList: true} gives one set with the list under {@code clusters}.
 */
final class ClusterGenerator {

    private final Generation generation;

    ClusterGenerator(Generation generation) {
        this.generation = generation;
    }

    List<Map<String, Object>> generate(ObjectNode spec, String path) {
        JsonNode selectorNode = spec.path("selector");
        LabelSelector selector;
        try {
            selector = selectorNode.isObject() ? LabelSelector.fromJson(selectorNode) : LabelSelector.everything();
        } catch (IllegalArgumentException e) {
            throw generation.error(path + ".selector", e.getMessage());
        }
        boolean ignoreLocal = selectorNode.path("matchLabels").size() > 0
                || selectorNode.path("matchExpressions").size() > 0;
        Map<String, Cluster> byName = new LinkedHashMap<>();
        for (Cluster cluster : generation.clusters) {
            if (selector.matches(cluster.labels())) {
                byName.put(cluster.name(), cluster);
            }
        }
        List<Map<String, Object>> params = new ArrayList<>();
        for (Cluster cluster : byName.values()) {
            Map<String, Object> set = parameters(cluster);
            GeneratorValues.append(generation, spec.path("values"), set, path + ".values");
            params.add(set);
        }
        boolean hasLocalSecret = generation.clusters.stream().anyMatch(Cluster::isInCluster);
        if (generation.inClusterDefault && !ignoreLocal && !hasLocalSecret) {
            Map<String, Object> set = new LinkedHashMap<>();
            set.put("name", Cluster.IN_CLUSTER_NAME);
            set.put("nameNormalized", Cluster.IN_CLUSTER_NAME);
            set.put("server", Cluster.IN_CLUSTER_SERVER);
            set.put("project", "");
            GeneratorValues.append(generation, spec.path("values"), set, path + ".values");
            params.add(set);
        }
        if (spec.path("flatList").asBoolean(false)) {
            Map<String, Object> flat = new LinkedHashMap<>();
            flat.put("clusters", new ArrayList<Object>(params));
            return List.of(flat);
        }
        return params;
    }

    private Map<String, Object> parameters(Cluster cluster) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("name", cluster.name());
        set.put("nameNormalized", Names.sanitize(cluster.name()));
        set.put("server", cluster.server());
        set.put("project", cluster.project());
        if (generation.goTemplate()) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (!cluster.annotations().isEmpty()) {
                metadata.put("annotations", new LinkedHashMap<String, Object>(cluster.annotations()));
            }
            if (!cluster.labels().isEmpty()) {
                metadata.put("labels", new LinkedHashMap<String, Object>(cluster.labels()));
            }
            set.put("metadata", metadata);
        } else {
            cluster.annotations().forEach((k, v) -> set.put("metadata.annotations." + k, v));
            cluster.labels().forEach((k, v) -> set.put("metadata.labels." + k, v));
        }
        return set;
    }
}
