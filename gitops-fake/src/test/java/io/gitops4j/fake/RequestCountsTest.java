package io.gitops4j.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The requests a fake cluster counts: every client request by verb and kind, a failed one too. */
class RequestCountsTest {

    private final FakeCluster cluster = new FakeCluster(new ManualClock(Instant.parse("2026-12-05T00:00:00Z")));

    @Test
    void countsEachClientRequestByVerbAndKind() {
        RequestCounts.Snapshot before = cluster.requests().snapshot();
        cluster.createFromYaml("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n");
        ResourceType configMaps = cluster.resourceType("v1", "ConfigMap").orElseThrow();
        cluster.get(configMaps, "default", "a");
        cluster.list(configMaps, ListOptions.all());

        RequestCounts.Snapshot since = cluster.requests().snapshot().minus(before);

        assertThat(since.byVerbAndKind()).containsEntry("GET /ConfigMap", 1L).containsEntry("LIST /ConfigMap", 1L);
        assertThat(since.count(Verb.CREATE)).isEqualTo(1);
        assertThat(since.writes()).isEqualTo(1);
        assertThat(since.reads()).isEqualTo(2);
        assertThat(since.byVerb()).containsEntry(Verb.DELETE, 0L);
    }

    @Test
    void aRequestAFaultFailsIsCountedToo() {
        cluster.faults().inject(Fault.failing(500).on(Verb.LIST).times(1));
        ResourceType configMaps = cluster.resourceType("v1", "ConfigMap").orElseThrow();

        assertThatThrownBy(() -> cluster.list(configMaps, ListOptions.all())).isInstanceOf(ClusterException.class);

        assertThat(cluster.requests().snapshot().count(Verb.LIST)).isEqualTo(1);
    }
}
