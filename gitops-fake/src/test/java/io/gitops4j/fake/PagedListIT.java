package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lists in pages ({@code limit} and {@code continue}) over HTTP, through fabric8. */
class PagedListIT {

    private final FakeCluster cluster = FakeCluster.builder().watchHistory(20).build();
    private final FakeApiServer server = FakeApiServer.start(cluster);
    private final KubernetesClient client = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(server.kubeconfig())).build();

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void pagesGiveEveryObjectOnceInOrderWithTheCountLeft() {
        for (String name : List.of("e", "b", "d", "a", "c")) {
            configMap(name, "blue");
        }

        ConfigMapList first = page(2, null);
        ConfigMapList second = page(2, first.getMetadata().getContinue());
        ConfigMapList last = page(2, second.getMetadata().getContinue());

        assertThat(names(first)).containsExactly("a", "b");
        assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(3);
        assertThat(names(second)).containsExactly("c", "d");
        assertThat(second.getMetadata().getRemainingItemCount()).isEqualTo(1);
        assertThat(names(last)).containsExactly("e");
        assertThat(last.getMetadata().getContinue()).isNull();
        assertThat(List.of(second.getMetadata().getResourceVersion(), last.getMetadata().getResourceVersion()))
                .containsOnly(first.getMetadata().getResourceVersion());
    }

    @Test
    void laterPagesShowTheObjectsAsTheyWereWhenTheListStarted() {
        for (String name : List.of("a", "b", "c", "d")) {
            configMap(name, "blue");
        }
        ConfigMapList first = page(2, null);

        client.configMaps().inNamespace("default").withName("c").edit(cm -> {
            cm.getData().put("color", "red");
            return cm;
        });
        client.configMaps().inNamespace("default").withName("d").delete();
        configMap("e", "blue");
        ConfigMapList rest = page(0, first.getMetadata().getContinue());

        assertThat(names(rest)).containsExactly("c", "d");
        assertThat(rest.getItems().get(0).getData()).containsEntry("color", "blue");
        assertThat(names(page(0, null))).containsExactly("a", "b", "c", "e");
    }

    @Test
    void aTokenOlderThanTheKeptHistoryHasExpiredAndAForgedOneIsRefused() {
        configMap("a", "blue");
        configMap("b", "blue");
        ConfigMapList first = page(1, null);
        for (int i = 0; i < 25; i++) {
            configMap("later-" + i, "blue");
        }

        assertThatThrownBy(() -> page(1, first.getMetadata().getContinue()))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(410))
                .hasMessageContaining("start a new list");
        assertThatThrownBy(() -> page(1, "not-a-token"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400))
                .hasMessageContaining("continue key is not valid");
    }

    private ConfigMapList page(long limit, String continueToken) {
        return client.configMaps().inNamespace("default").list(new ListOptionsBuilder()
                .withLimit(limit == 0 ? null : limit).withContinue(continueToken).build());
    }

    private void configMap(String name, String color) {
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {color: " + color
                + "}\n");
    }

    private static List<String> names(ConfigMapList list) {
        List<String> names = new ArrayList<>();
        for (ConfigMap configMap : list.getItems()) {
            names.add(configMap.getMetadata().getName());
        }
        return names;
    }
}
