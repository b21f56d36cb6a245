package io.gitops4j.core.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.Patch;
import io.gitops4j.cluster.ResourceList;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchListener;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ApplicationSyncStatus;
import io.gitops4j.core.engine.StateStore;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.reconcile.SyncAttempt;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The state kept in an Application object: written with optimistic concurrency, and only when it changed. */
class ApplicationStatusStoreTest {

    private final FakeCluster fake = new FakeCluster();
    private final RacingCluster cluster = new RacingCluster(fake);
    private final ApplicationObjects objects;
    private final ApplicationStatusStore store;

    ApplicationStatusStoreTest() {
        fake.createFromYaml(CustomResourceDefinitions.yaml());
        fake.createFromYaml("""
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: argocd
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: shop
                  namespace: argocd
                spec:
                  source:
                    repoURL: https://git.example.com/shop.git
                    path: app
                  destination:
                    namespace: shop
                """);
        SpecDocuments specs = new SpecDocuments();
        objects = new ApplicationObjects(cluster, ApplicationObjects.applicationType(cluster), List.of("argocd"));
        store = new ApplicationStatusStore(objects, specs, new OperationDocuments(specs));
    }

    @Test
    void aStatusWriteThatMeetsAUsersChangeReadsAgainAndKeepsTheChange() {
        cluster.userEditsBeforeUpdates = 1;

        store.save("shop", state(SyncStatusCode.SYNCED), Optional.empty());

        ObjectNode app = fake.get("argoproj.io/v1alpha1", "Application", "argocd", "shop").orElseThrow();
        assertThat(app.at("/status/sync/status").asText()).isEqualTo("Synced");
        assertThat(app.at("/spec/source/targetRevision").asText()).as("the user's change").isEqualTo("v2");
        assertThat(cluster.updates.get()).as("a 409, then a write over the object read again").isEqualTo(2);
        assertThat(KubernetesObjects.annotation(app, ApplicationStatusStore.LAST_SYNC_ANNOTATION)).contains("abc123");
    }

    @Test
    void aStatusWriteStartsFromTheObjectTheWatchDeliveredWithoutReadingIt() {
        objects.seen(shop());   // as the controller's watch of Applications delivers it

        store.save("shop", state(SyncStatusCode.SYNCED), Optional.empty());
        store.save("shop", state(SyncStatusCode.OUT_OF_SYNC), Optional.empty());
        store.save("shop", state(SyncStatusCode.OUT_OF_SYNC), Optional.empty());
        store.load("shop").orElseThrow();

        assertThat(cluster.gets.get()).as("no GET before a status update, nor for an unchanged one, nor to load")
                .isZero();
        assertThat(cluster.updates.get()).as("one update per status that changed").isEqualTo(2);
        assertThat(shop().at("/status/sync/status").asText()).isEqualTo("OutOfSync");
    }

    @Test
    void aStatusWriteOverAnObjectChangedSinceTheWatchSawItMeetsAConflictReadsAgainAndKeepsTheUsersEdit() {
        objects.seen(shop());
        ObjectNode edited = shop();   // the user's edit, whose watch event has not arrived yet
        ((ObjectNode) edited.at("/spec/source")).put("targetRevision", "v3");
        fake.update(edited);

        store.save("shop", state(SyncStatusCode.SYNCED), Optional.empty());

        assertThat(cluster.updates.get()).as("a 409 on the version seen, then a write over the object read again")
                .isEqualTo(2);
        assertThat(cluster.gets.get()).as("read only after the conflict").isEqualTo(1);
        assertThat(shop().at("/spec/source/targetRevision").asText()).as("the user's edit").isEqualTo("v3");
        assertThat(shop().at("/status/sync/status").asText()).isEqualTo("Synced");
    }

    @Test
    void aLateWatchEventOfAnOlderVersionDoesNotReplaceTheVersionTheLastWriteReturned() {
        ObjectNode delivered = shop();
        objects.seen(delivered);
        store.save("shop", state(SyncStatusCode.SYNCED), Optional.empty());

        objects.seen(delivered);   // the event of the version before the write, still in flight, arrives late
        store.save("shop", state(SyncStatusCode.SYNCED), Optional.empty());
        store.save("shop", state(SyncStatusCode.OUT_OF_SYNC), Optional.empty());

        assertThat(cluster.updates.get()).as("no 409: the second save saw the written status, the third wrote over"
                + " the newest version").isEqualTo(2);
        assertThat(cluster.gets.get()).isZero();
        assertThat(shop().at("/status/sync/status").asText()).isEqualTo("OutOfSync");
    }

    @Test
    void aWriteThatKeepsMeetingNewerVersionsGivesUpAfterABoundedNumberOfAttempts() {
        objects.seen(shop());
        cluster.userEditsBeforeUpdates = Integer.MAX_VALUE;

        assertThatThrownBy(() -> store.save("shop", state(SyncStatusCode.SYNCED), Optional.empty()))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.code()).isEqualTo(409));

        assertThat(cluster.updates.get()).isEqualTo(ApplicationObjects.ATTEMPTS);
        assertThat(shop().at("/spec/source/targetRevision").asText()).as("every user edit kept").isEqualTo("v2");
        assertThat(shop().path("status").isMissingNode()).as("nothing written over the user's edits").isTrue();
    }

    private ObjectNode shop() {
        return fake.get("argoproj.io/v1alpha1", "Application", "argocd", "shop").orElseThrow();
    }

    @Test
    void anUnchangedStatusIsNotWrittenAgain() {
        store.save("shop", state(SyncStatusCode.SYNCED), Optional.empty());
        int before = cluster.updates.get();

        String version = store.save("shop", state(SyncStatusCode.SYNCED), Optional.of("whatever"));

        assertThat(cluster.updates.get()).isEqualTo(before);
        assertThat(version).isEqualTo(fake.get("argoproj.io/v1alpha1", "Application", "argocd", "shop").orElseThrow()
                .at("/metadata/resourceVersion").asText());
        store.save("shop", state(SyncStatusCode.OUT_OF_SYNC), Optional.empty());
        assertThat(cluster.updates.get()).isEqualTo(before + 1);
    }

    @Test
    void whatWasSavedIsLoadedBack() {
        assertThat(store.load("shop")).as("nothing stored yet").isEmpty();
        StoredState saved = state(SyncStatusCode.SYNCED);
        store.save("shop", saved, Optional.empty());

        StateStore.Versioned loaded = store.load("shop").orElseThrow();

        assertThat(loaded.state().lastSyncAttempt()).isEqualTo(saved.lastSyncAttempt());
        assertThat(loaded.state().status().sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(loaded.state().status().health()).isEqualTo(saved.status().health());
    }

    private static StoredState state(SyncStatusCode code) {
        ApplicationStatus status = new ApplicationStatus(new ApplicationSyncStatus(code, "abc123", Optional.empty()),
                Health.of(HealthStatus.HEALTHY), List.of(), Optional.empty(), List.of(), List.of(),
                Optional.of(Instant.parse("2026-11-22T12:00:00Z")), io.gitops4j.core.engine.ApplicationSummary.EMPTY,
                Optional.empty());
        SyncAttempt attempt = new SyncAttempt("abc123", new ApplicationSource("https://git.example.com/shop.git", "HEAD",
                "app", null), OperationPhase.SUCCEEDED, "synced", Instant.parse("2026-11-22T12:00:00Z"), 0);
        return new StoredState(status, Optional.of(attempt));
    }

    /** A cluster where a user changes the Application between the controller's read and its update, once. */
    private static final class RacingCluster implements Cluster {
        private final FakeCluster cluster;
        private final AtomicInteger updates = new AtomicInteger();
        private final AtomicInteger gets = new AtomicInteger();
        private volatile int userEditsBeforeUpdates;

        RacingCluster(FakeCluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public ObjectNode update(ObjectNode object, WriteOptions options) {
            updates.incrementAndGet();
            if (userEditsBeforeUpdates > 0) {
                userEditsBeforeUpdates--;
                ObjectNode current = cluster.get("argoproj.io/v1alpha1", "Application", "argocd", "shop").orElseThrow();
                ((ObjectNode) current.at("/spec/source")).put("targetRevision", "v2");
                KubernetesObjects.metadata(current).putObject("labels").put("edit", String.valueOf(updates.get()));
                cluster.update(current);
            }
            return cluster.update(object, options);
        }

        @Override
        public List<ResourceType> resourceTypes() {
            return cluster.resourceTypes();
        }

        @Override
        public Optional<ObjectNode> get(ResourceType type, String namespace, String name) {
            gets.incrementAndGet();
            return cluster.get(type, namespace, name);
        }

        @Override
        public ResourceList listWithVersion(ResourceType type, ListOptions options) {
            return cluster.listWithVersion(type, options);
        }

        @Override
        public ObjectNode create(ObjectNode object, WriteOptions options) {
            return cluster.create(object, options);
        }

        @Override
        public ObjectNode updateStatus(ObjectNode object, WriteOptions options) {
            return cluster.updateStatus(object, options);
        }

        @Override
        public ObjectNode patch(ResourceType type, String namespace, String name, Patch patch, WriteOptions options) {
            return cluster.patch(type, namespace, name, patch, options);
        }

        @Override
        public boolean delete(ResourceType type, String namespace, String name, DeleteOptions options) {
            return cluster.delete(type, namespace, name, options);
        }

        @Override
        public Watch watch(ResourceType type, ListOptions options, String resourceVersion, WatchListener listener) {
            return cluster.watch(type, options, resourceVersion, listener);
        }
    }
}
