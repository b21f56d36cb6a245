package io.gitops4j.benchmarks.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;
import java.util.function.BiFunction;

/**
 * The data of the fake-cluster benchmarks: 10,000 ConfigMaps labelled {@code app=app-0..99} and
 * {@code tier=front|back}, and Deployments applied by a field manager.
 */
final class Workload {

    /** How many objects the cluster holds. */
    static final int OBJECTS = 10_000;
    /** How many Deployments the apply benchmarks cycle through. */
    static final int DEPLOYMENTS = 1_000;
    static final WriteOptions APPLIER = WriteOptions.fieldManager("benchmark");

    private Workload() {
    }

    /** Stores the 10,000 ConfigMaps and the Deployments, applied once. */
    static void fill(FakeCluster cluster) {
        for (int i = 0; i < OBJECTS - DEPLOYMENTS; i++) {
            ObjectNode configMap = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
            configMap.putObject("metadata").put("name", "settings-" + i).putObject("labels")
                    .put("app", "app-" + i % 100).put("tier", i % 2 == 0 ? "front" : "back");
            configMap.putObject("data").put("index", Integer.toString(i));
            cluster.create(configMap);
        }
        for (int i = 0; i < DEPLOYMENTS; i++) {
            cluster.apply(deployment(i, 1), APPLIER);
        }
    }

    /**
     * Two configurations of each of the first 1,000 objects of a kind, made by {@code make}
     * (index, variant 0 or 1); applying them in turn ({@link #next}) changes the object every time.
     */
    static ObjectNode[][] configurations(BiFunction<Integer, Integer, ObjectNode> make) {
        ObjectNode[][] configurations = new ObjectNode[DEPLOYMENTS][2];
        for (int i = 0; i < DEPLOYMENTS; i++) {
            configurations[i][0] = make.apply(i, 0);
            configurations[i][1] = make.apply(i, 1);
        }
        return configurations;
    }

    /** The configuration to apply as the {@code count}-th apply: one object after the other, the variants in turn. */
    static ObjectNode next(ObjectNode[][] configurations, int count) {
        return configurations[count % DEPLOYMENTS][(count / DEPLOYMENTS) % 2];
    }

    /** ConfigMap {@code settings-<index>} (one of those {@link #fill} stores) with a value, as a manager applies it. */
    static ObjectNode configMap(int index, String color) {
        ObjectNode configMap = Json.object().put("apiVersion", "v1").put("kind", "ConfigMap");
        configMap.putObject("metadata").put("name", "settings-" + index).putObject("labels")
                .put("app", "app-" + index % 100).put("tier", index % 2 == 0 ? "front" : "back");
        configMap.putObject("data").put("index", Integer.toString(index)).put("color", color);
        return configMap;
    }

    /** Deployment {@code web-<index>} with a number of replicas, as a manager applies it. */
    static ObjectNode deployment(int index, int replicas) {
        return Yaml.readDocuments("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web-%d
                  labels: {app: web-%d, tier: front}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: web-%d}}
                  template:
                    metadata: {labels: {app: web-%d}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                        ports: [{containerPort: 8080, name: http}]
                        env: [{name: MODE, value: prod}]
                        resources: {requests: {cpu: 100m, memory: 128Mi}}
                """.formatted(index, index, replicas, index, index), "deployment").get(0).body();
    }
}
