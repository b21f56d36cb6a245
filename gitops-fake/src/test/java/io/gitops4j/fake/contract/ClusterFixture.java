package io.gitops4j.fake.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import io.gitops4j.kube.Yaml;
import java.time.Instant;

/**
 * What the API-semantics contracts need from the form of the fake cluster under test: the
 * {@link Cluster} to talk to (in process, or fabric8 over HTTP), the {@link FakeCluster} behind
 * it (for faults) and its clock.
 */
public interface ClusterFixture {

    /** The time the clock starts at. */
    Instant START = Instant.parse("2026-11-22T09:30:00Z");

    /** The cluster under test. */
    Cluster cluster();

    /** The fake cluster behind it. */
    FakeCluster fake();

    /** The fake cluster's clock. */
    ManualClock clock();

    /** A served type. */
    default ResourceType type(String apiVersion, String kind) {
        return cluster().resourceType(apiVersion, kind).orElseThrow();
    }

    /** The one object of a YAML document. */
    static ObjectNode yaml(String yaml) {
        return Yaml.readDocuments(yaml, "test").get(0).body();
    }

    /** A ConfigMap in {@code default}. */
    static ObjectNode configMap(String name, String labels) {
        return yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, labels: {%s}}
                data: {color: blue}
                """.formatted(name, labels));
    }

    /** A Deployment in {@code default} with one container. */
    static ObjectNode deployment(String name, int replicas) {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, labels: {app: %s}}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                      - {name: app, image: nginx:1.27}
                """.formatted(name, name, replicas, name, name));
    }
}
