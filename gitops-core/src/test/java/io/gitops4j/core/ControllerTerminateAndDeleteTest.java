package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.Cascade;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.core.model.SyncPolicy;
import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Terminating a sync while it runs, and deleting an application with foreground and background cascade. */
class ControllerTerminateAndDeleteTest {

    private static final String HOLD = "test.gitops4j.io/hold";

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Application app(String name, String path, RetryPolicy retry) {
        fixture.cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n");
        return Application.builder(name).repoURL(fixture.repo.url()).path(path).destinationNamespace(name)
                .automated(AutomatedSync.DISABLED)
                .syncPolicy(new SyncPolicy(List.of(), retry, ManagedNamespaceMetadata.NONE)).build();
    }

    private Optional<ObjectNode> configMap(String namespace, String name) {
        return fixture.cluster.get("v1", "ConfigMap", namespace, name);
    }

    @Test
    void terminatingASyncWaitingForHealthEndsItFailedAndAppliesNothingMore() {
        fixture.repo.write("apps/waves/lb.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: lb
                  annotations:
                    argocd.argoproj.io/sync-wave: "0"
                spec:
                  type: LoadBalancer
                  selector: {app: lb}
                  ports:
                  - port: 80
                """).write("apps/waves/after.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: after
                  annotations:
                    argocd.argoproj.io/sync-wave: "1"
                data: {wave: "1"}
                """).commit("a wave that never becomes healthy, then another");
        fixture.controller.register(app("waves", "apps/waves", RetryPolicy.limit(3)));
        fixture.controller.start();
        fixture.run();
        List<OperationPhase> seenWhileWaiting = new ArrayList<>();
        fixture.onPace = () -> {
            seenWhileWaiting.add(fixture.controller.status("waves").operationState().orElseThrow().phase());
            if (seenWhileWaiting.size() == 3) {
                assertThat(fixture.controller.terminate("waves")).isTrue();
            }
        };

        CompletableFuture<OperationState> sync = fixture.controller.sync("waves", SyncRequest.defaults());
        fixture.run();

        assertThat(seenWhileWaiting).as("the sync was running, waiting for the LoadBalancer")
                .startsWith(OperationPhase.RUNNING, OperationPhase.RUNNING, OperationPhase.RUNNING);
        assertThat(sync).isCompletedWithValueMatching(s -> s.phase() == OperationPhase.FAILED
                && s.message().equals("Operation terminated") && s.retryCount() == 0, "Failed: Operation terminated");
        assertThat(fixture.cluster.get("v1", "Service", "waves", "lb")).as("wave 0 was applied").isPresent();
        assertThat(configMap("waves", "after")).as("wave 1 never is").isEmpty();
        assertThat(fixture.controller.status("waves").history()).isEmpty();
        assertThat(fixture.eventTypes("waves")).containsSubsequence(ApplicationEvent.Type.SYNC_STARTED,
                ApplicationEvent.Type.SYNC_FAILED);

        fixture.onPace = () -> { };
        fixture.clock.advance(Duration.ofMinutes(10));
        fixture.run();
        assertThat(fixture.controller.status("waves").operationState()).as("a terminated operation is not retried")
                .hasValueSatisfying(s -> assertThat(s).isEqualTo(sync.join()));
        assertThat(configMap("waves", "after")).isEmpty();
        assertThat(fixture.eventTypes("waves")).filteredOn(t -> t == ApplicationEvent.Type.SYNC_STARTED).hasSize(1);
    }

    /** An application of one ConfigMap, synced, and a dependent of it (not the app's) that a finalizer holds. */
    private void syncedParentWithHeldDependent(String name) {
        fixture.repo.write("apps/" + name + "/parent.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: parent
                data: {role: owner}
                """).commit("a parent for " + name);
        fixture.controller.register(app(name, "apps/" + name, RetryPolicy.NONE));
        fixture.controller.start();
        fixture.run();
        fixture.controller.sync(name, SyncRequest.defaults());
        fixture.run();
        String uid = configMap(name, "parent").orElseThrow().at("/metadata/uid").asText();
        fixture.cluster.createFromYaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: child
                  namespace: %s
                  finalizers: [%s]
                  ownerReferences:
                  - {apiVersion: v1, kind: ConfigMap, name: parent, uid: %s, blockOwnerDeletion: true}
                """.formatted(name, HOLD, uid));
        fixture.run();
    }

    private void releaseChild(String namespace) {
        ObjectNode child = configMap(namespace, "child").orElseThrow();
        ((ObjectNode) child.get("metadata")).putArray("finalizers");
        fixture.cluster.update(child);
        fixture.run();
    }

    @Test
    void foregroundCascadeDeletesTheObjectsAndTheirDependentsBeforeTheApplicationGoes() {
        syncedParentWithHeldDependent("front");

        CompletableFuture<Void> deleted = fixture.controller.delete("front", Cascade.FOREGROUND);
        fixture.run();

        assertThat(deleted).as("the application waits for its objects").isNotDone();
        assertThat(fixture.controller.statuses()).containsKey("front");
        assertThat(configMap("front", "parent")).as("the parent waits for its dependent (foreground)")
                .hasValueSatisfying(p -> assertThat(p.at("/metadata/deletionTimestamp").isMissingNode()).isFalse());
        assertThat(configMap("front", "child")).hasValueSatisfying(
                c -> assertThat(c.at("/metadata/deletionTimestamp").isMissingNode()).isFalse());

        releaseChild("front");

        assertThat(configMap("front", "child")).isEmpty();
        assertThat(configMap("front", "parent")).isEmpty();
        assertThat(deleted).isCompleted();
        assertThat(fixture.controller.statuses()).doesNotContainKey("front");
        assertThat(fixture.eventTypes("front")).endsWith(ApplicationEvent.Type.DELETED);
    }

    @Test
    void backgroundCascadeLetsTheApplicationGoOnceItsObjectsAreDeletedAndTheirDependentsFollow() {
        syncedParentWithHeldDependent("back");

        CompletableFuture<Void> deleted = fixture.controller.delete("back", Cascade.BACKGROUND);
        fixture.run();

        assertThat(configMap("back", "parent")).as("the parent goes at once (background)").isEmpty();
        assertThat(deleted).as("and the application with it").isCompleted();
        assertThat(fixture.controller.statuses()).doesNotContainKey("back");
        assertThat(fixture.eventTypes("back")).endsWith(ApplicationEvent.Type.DELETED);
        assertThat(configMap("back", "child")).as("its dependent is deleted afterwards by the garbage collector")
                .hasValueSatisfying(c -> assertThat(c.at("/metadata/deletionTimestamp").isMissingNode()).isFalse());

        releaseChild("back");
        assertThat(configMap("back", "child")).isEmpty();
    }
}
