package io.gitops4j.fake.contract;

import static io.gitops4j.fake.contract.ClusterFixture.configMap;
import static io.gitops4j.fake.contract.ClusterFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.fake.Fault;
import io.gitops4j.fake.Verb;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Fault injection as clients see it, in process and over HTTP. The HTTP form's client does not
 * retry, so that every injected failure reaches the caller.
 */
public interface FaultContract extends ClusterFixture {

    @Test
    default void theNextRequestsOfAVerbAndKindFailWithTheInjectedStatus() {
        fake().faults().inject(Fault.failing(503).times(2).on(Verb.CREATE).forKind("ConfigMap"));

        cluster().create(deployment("web", 1));
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> cluster().create(configMap("settings", "app: web")))
                    .isInstanceOfSatisfying(ClusterException.class, e -> {
                        assertThat(e.code()).isEqualTo(503);
                        assertThat(e.reason()).isEqualTo("ServiceUnavailable");
                    });
        }
        assertThat(cluster().create(configMap("settings", "app: web"))).isNotNull();
        assertThat(fake().faults().pending()).isEmpty();
    }

    @Test
    default void everyInjectableStatusReachesTheClientWithItsReason() {
        for (int status : new int[] {409, 422, 429, 500}) {
            fake().faults().inject(Fault.failing(status).on(Verb.GET));
            assertThatThrownBy(() -> cluster().get(configMaps(), "default", "anything"))
                    .isInstanceOfSatisfying(ClusterException.class, e -> {
                        assertThat(e.code()).isEqualTo(status);
                        assertThat(e.reason()).isEqualTo(ClusterException.reasonOf(status));
                    });
        }
        assertThat(cluster().get(configMaps(), "default", "anything")).isEmpty();
    }

    @Test
    default void aFaultOnOneVerbLeavesTheOthersAlone() {
        cluster().create(configMap("settings", "app: web"));
        fake().faults().inject(Fault.failing(500).always().on(Verb.LIST));

        assertThat(cluster().get(configMaps(), "default", "settings")).isPresent();
        assertThatThrownBy(() -> cluster().list(configMaps(), ListOptions.all()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(500));

        fake().faults().clear();
        assertThat(cluster().list(configMaps(), ListOptions.all())).hasSize(1);
    }

    @Test
    default void latencyDelaysMatchingRequests() {
        fake().faults().inject(Fault.latency(Duration.ofMillis(150)).times(1).on(Verb.GET));

        long start = System.nanoTime();
        cluster().get(configMaps(), "default", "anything");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    default void aClientThatResumesADroppedWatchMissesNothing() {
        RecordingListener events = new RecordingListener();
        ResumingListener resuming = new ResumingListener(this, events);
        resuming.start(fake().resourceVersion());
        try {
            cluster().create(configMap("before-drop", "app: web"));
            assertThat(events.nextSummary()).isEqualTo("ADDED before-drop");

            fake().faults().dropWatches();
            cluster().create(configMap("after-drop", "app: web"));

            assertThat(events.nextSummary()).isEqualTo("ADDED after-drop");
        } finally {
            resuming.stop();
        }
    }

    private ResourceType configMaps() {
        return type("v1", "ConfigMap");
    }
}
