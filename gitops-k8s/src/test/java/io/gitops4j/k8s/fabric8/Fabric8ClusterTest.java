package io.gitops4j.k8s.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Yaml;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class Fabric8ClusterTest {

    private static final ResourceType CONFIG_MAPS = new ResourceType("", "v1", "ConfigMap", "configmaps", true);

    KubernetesMockServer server;
    KubernetesClient client;

    private Fabric8Cluster cluster;

    @BeforeEach
    void setUp() {
        server.expect().get().withPath("/api/v1").andReturn(200, new APIResourceListBuilder()
                .withGroupVersion("v1")
                .addNewResource().withName("configmaps").withKind("ConfigMap").withNamespaced(true)
                .withVerbs("get", "list", "create", "update", "delete").endResource()
                .addNewResource().withName("namespaces").withKind("Namespace").withNamespaced(false)
                .withVerbs("get", "list", "create", "update", "delete").endResource()
                .addNewResource().withName("namespaces/status").withKind("Namespace").withNamespaced(false)
                .withVerbs("get", "update").endResource()
                .build()).always();
        server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder().build()).always();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build()).create();
        cluster = new Fabric8Cluster(client);
    }

    @Test
    void discoversTypesWithoutSubresources() {
        assertThat(cluster.resourceTypes()).containsExactly(CONFIG_MAPS,
                new ResourceType("", "v1", "Namespace", "namespaces", false));
        assertThat(cluster.resourceType("v1", "ConfigMap")).contains(CONFIG_MAPS);
        assertThat(cluster.resourceType("apps/v1", "Deployment")).isEmpty();
    }

    @Test
    void createsReadsUpdatesListsAndDeletesAnyKind() {
        ObjectNode created = cluster.create(configMap("settings", "blue"));
        assertThat(created.at("/metadata/uid").asText()).isNotEmpty();

        ObjectNode read = cluster.get(CONFIG_MAPS, "shop", "settings").orElseThrow();
        assertThat(read.at("/data/color").asText()).isEqualTo("blue");

        ((ObjectNode) read.get("data")).put("color", "green");
        cluster.update(read);
        assertThat(cluster.get(CONFIG_MAPS, "shop", "settings").orElseThrow().at("/data/color").asText())
                .isEqualTo("green");

        cluster.create(configMap("other", "red"));
        assertThat(cluster.list(CONFIG_MAPS, ListOptions.inNamespace("shop").withLabelSelector("tier=front")))
                .extracting(KubernetesObjects::name).containsExactly("other", "settings");
        assertThat(cluster.list(CONFIG_MAPS, ListOptions.all())).allSatisfy(o ->
                assertThat(o.get("apiVersion").asText() + " " + o.get("kind").asText()).isEqualTo("v1 ConfigMap"));

        assertThat(cluster.delete(CONFIG_MAPS, "shop", "settings")).isTrue();
        assertThat(cluster.get(CONFIG_MAPS, "shop", "settings")).isEmpty();
        assertThat(cluster.delete(CONFIG_MAPS, "shop", "settings")).isFalse();
    }

    @Test
    void aRefusedRequestBecomesAClusterExceptionWithTheStatusCode() {
        cluster.create(configMap("settings", "blue"));

        assertThatThrownBy(() -> cluster.create(configMap("settings", "blue")))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("cannot create v1/ConfigMap shop/settings: ")
                .satisfies(e -> assertThat(((ClusterException) e).code()).isEqualTo(409));
    }

    @Test
    void anAnswerThatIsNoStatusIsQuotedOnOneLine() {
        server.expect().get().withPath("/api/v1/namespaces/shop/configmaps/proxied")
                .andReturn(403, "<html>\n<head><title>403 Forbidden</title></head>\n<body>" + "x".repeat(500)
                        + "</body>\n</html>\n").always();

        assertThatThrownBy(() -> cluster.get(CONFIG_MAPS, "shop", "proxied"))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(403))
                .hasMessageStartingWith("cannot get v1/ConfigMap shop/proxied: the server answered 403 with <html> <head>"
                        + "<title>403 Forbidden</title></head> <body>xxx")
                .hasMessageEndingWith("...")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(300));
    }

    private static ObjectNode configMap(String name, String color) {
        return Yaml.readDocuments("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s, namespace: shop, labels: {tier: front}}
                data: {color: %s}
                """.formatted(name, color), "cm").get(0).body();
    }
}
