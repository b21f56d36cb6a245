package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceKeyTest {

    @Test
    void keyOfANamespacedObjectInANamedGroup() {
        var object = Json.parseObject(
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"namespace\":\"prod\"}}", "t");

        assertThat(ResourceKey.of(object)).isEqualTo(new ResourceKey("apps", "Deployment", "prod", "web"));
        assertThat(ResourceKey.of(object).toString()).isEqualTo("apps/Deployment/prod/web");
    }

    @Test
    void keyOfAClusterScopedCoreObject() {
        var object = Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"prod\"}}", "t");

        assertThat(ResourceKey.of(object).toString()).isEqualTo("/Namespace//prod");
    }

    @Test
    void apiVersionSplitsIntoGroupAndVersion() {
        assertThat(GroupVersion.parse("v1")).isEqualTo(new GroupVersion("", "v1"));
        assertThat(GroupVersion.parse("rbac.authorization.k8s.io/v1"))
                .isEqualTo(new GroupVersion("rbac.authorization.k8s.io", "v1"));
        assertThat(new GroupVersion("apps", "v1").apiVersion()).isEqualTo("apps/v1");
    }
}
