package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.Yaml;
import org.junit.jupiter.api.Test;

/** What the API server allocates for Services: cluster IPs and node ports, kept across writes that leave them out. */
class ServiceAllocationTest {

    private final FakeCluster cluster = new FakeCluster();
    private final ResourceType services = cluster.resourceType("v1", "Service").orElseThrow();

    @Test
    void servicesGetDistinctClusterIpsThatNoManagerOwns() {
        ObjectNode web = cluster.apply(service("web", "ClusterIP"), WriteOptions.fieldManager("gitops4j"));
        ObjectNode api = cluster.apply(service("api", "ClusterIP"), WriteOptions.fieldManager("gitops4j"));

        assertThat(web.at("/spec/clusterIP").asText()).startsWith("10.96.").isNotEqualTo(api.at("/spec/clusterIP").asText());
        assertThat(web.at("/spec/clusterIPs/0").asText()).isEqualTo(web.at("/spec/clusterIP").asText());
        assertThat(web.at("/metadata/managedFields/0/fieldsV1/f:spec").has("f:clusterIP")).isFalse();
        assertThat(web.at("/spec/ports/0").has("nodePort")).isFalse();
    }

    @Test
    void writesThatLeaveAllocationsOutKeepThemAndChangeNothing() {
        ObjectNode created = cluster.apply(service("web", "NodePort"), WriteOptions.fieldManager("gitops4j"));
        int nodePort = created.at("/spec/ports/0/nodePort").asInt();

        ObjectNode reapplied = cluster.apply(service("web", "NodePort"), WriteOptions.fieldManager("gitops4j"));
        ObjectNode replaced = service("web", "NodePort");
        ((ObjectNode) replaced.get("metadata")).put("resourceVersion", reapplied.at("/metadata/resourceVersion").asText());
        ObjectNode updated = cluster.update(replaced, WriteOptions.fieldManager("kubectl-replace"));

        assertThat(nodePort).isBetween(30000, 32767);
        assertThat(reapplied).isEqualTo(created);
        assertThat(updated.at("/spec/clusterIP")).isEqualTo(created.at("/spec/clusterIP"));
        assertThat(updated.at("/spec/ports/0/nodePort").asInt()).isEqualTo(nodePort);
        assertThat(updated.at("/metadata/resourceVersion")).as("nothing changed").isEqualTo(created.at(
                "/metadata/resourceVersion"));
    }

    @Test
    void headlessAndExternalNameServicesGetNoClusterIp() {
        ObjectNode headless = service("headless", "ClusterIP");
        ((ObjectNode) headless.get("spec")).put("clusterIP", "None");
        ObjectNode external = service("external", "ExternalName");
        ((ObjectNode) external.get("spec")).put("externalName", "db.example.com");

        assertThat(cluster.create(headless).at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(cluster.create(external).at("/spec").has("clusterIP")).isFalse();
        assertThat(cluster.get(services, "default", "headless")).isPresent();
    }

    private static ObjectNode service(String name, String type) {
        return Yaml.readDocuments("""
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: default}
                spec:
                  type: %s
                  selector: {app: %s}
                  ports: [{port: 80}]
                """.formatted(name, type, name), "service.yaml").get(0).body();
    }
}
