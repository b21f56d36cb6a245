package io.gitops4j.core.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.fake.FakeCluster;
import org.junit.jupiter.api.Test;

/** Sent notifications remembered in a ConfigMap: across instances (restarts, replicas), atomically, bounded. */
class ClusterNotificationStateStoreTest {

    private static final String APP = "argocd/guestbook/uid-1";

    private final FakeCluster cluster = new FakeCluster();

    @Test
    void aSecondStoreOnTheSameClusterKnowsWhatTheFirstSent() {
        ClusterNotificationStateStore first = new ClusterNotificationStateStore(cluster, "default");
        assertThat(first.markNotified(APP, "abc:on-sync-failed")).isTrue();
        assertThat(first.markNotified(APP, "abc:on-sync-failed")).isFalse();

        ClusterNotificationStateStore restarted = new ClusterNotificationStateStore(cluster, "default");
        assertThat(restarted.isNotified(APP, "abc:on-sync-failed")).isTrue();
        assertThat(restarted.markNotified(APP, "abc:on-sync-failed")).isFalse();
        assertThat(restarted.isNotified("argocd/other/uid-2", "abc:on-sync-failed")).isFalse();
    }

    @Test
    void aWriteOverAnotherInstancesChangeReadsAgainAndKeepsBoth() {
        ClusterNotificationStateStore a = new ClusterNotificationStateStore(cluster, "default");
        ClusterNotificationStateStore b = new ClusterNotificationStateStore(cluster, "default");
        assertThat(a.markNotified(APP, "k1")).isTrue();
        assertThat(b.markNotified(APP, "k2")).isTrue();
        assertThat(a.markNotified(APP, "k3")).as("a's copy is stale: the conflict makes it read again").isTrue();
        assertThat(a.markNotified(APP, "k2")).as("b sent k2 already").isFalse();

        assertThat(new ClusterNotificationStateStore(cluster, "default").keys(APP)).containsExactly("k1", "k2", "k3");
    }

    @Test
    void onlyTheNewestKeysAreKeptAndAForgottenOneIsSentAgain() {
        ClusterNotificationStateStore store = new ClusterNotificationStateStore(cluster, "default");
        for (int i = 0; i < ClusterNotificationStateStore.MAX_KEYS + 5; i++) {
            store.markNotified(APP, "revision-" + i);
        }
        ClusterNotificationStateStore read = new ClusterNotificationStateStore(cluster, "default");
        assertThat(read.keys(APP)).hasSize(ClusterNotificationStateStore.MAX_KEYS).first().isEqualTo("revision-5");

        read.forget(APP, "revision-50");
        assertThat(new ClusterNotificationStateStore(cluster, "default").markNotified(APP, "revision-50")).isTrue();
    }
}
