package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ClusterStateStore;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.StateConflictException;
import io.gitops4j.core.engine.StateStore;
import io.gitops4j.core.engine.StoredState;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.kube.GitOpsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ConfigMap-backed state store, alone and under a restarted controller. */
class ClusterStateStoreTest {

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp, cluster -> new ClusterStateStore(cluster, "default"));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Application guestbook(String repoURL) {
        return Application.builder("guestbook").repoURL(repoURL).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true)).build();
    }

    @Test
    void aRestartedControllerReadsItsStateFromTheClusterAndDoesNotSyncAgain() {
        fixture.controller.register(guestbook(fixture.repo.url()));
        fixture.controller.start();
        fixture.run();
        ApplicationStatus before = fixture.controller.status("guestbook");
        assertThat(fixture.cluster.get("v1", "ConfigMap", "default", "gitops4j-app-guestbook")).isPresent();
        fixture.controller.close();
        fixture.events.clear();

        fixture.newController();
        fixture.controller.register(guestbook(fixture.repo.url()));
        assertThat(fixture.controller.status("guestbook").history()).isEqualTo(before.history());
        assertThat(fixture.controller.status("guestbook").operationState()).isEqualTo(before.operationState());
        fixture.controller.start();
        fixture.run();

        assertThat(fixture.eventTypes("guestbook")).doesNotContain(ApplicationEvent.Type.SYNC_STARTED);
        assertThat(fixture.controller.status("guestbook").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(fixture.controller.history("guestbook")).hasSize(1);
    }

    @Test
    void theRevisionsAndSourcesOfSeveralSourcesSurviveARestartAndNothingSyncsAgain() {
        LocalRepository other = LocalRepository.init(temp.resolve("other"));
        other.write("extra/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n").commit("extra");
        Supplier<Application> app = () -> Application.builder("guestbook")
                .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true))
                .sources(ApplicationSource.of(fixture.repo.url()).withPath(GuestbookRepository.PATH),
                        ApplicationSource.of(other.url()).withPath("extra").withRef("extra"))
                .build();
        fixture.controller.register(app.get());
        fixture.controller.start();
        fixture.run();
        ApplicationStatus before = fixture.controller.status("guestbook");
        assertThat(before.history()).singleElement().satisfies(h -> assertThat(h.sources()).hasSize(2));
        fixture.controller.close();
        fixture.events.clear();

        fixture.newController();
        fixture.controller.register(app.get());
        assertThat(fixture.controller.status("guestbook").history()).isEqualTo(before.history());
        assertThat(fixture.controller.status("guestbook").operationState()).isEqualTo(before.operationState());
        fixture.controller.start();
        fixture.run();

        assertThat(fixture.eventTypes("guestbook")).doesNotContain(ApplicationEvent.Type.SYNC_STARTED);
        assertThat(fixture.controller.status("guestbook").sync().revisions()).isEqualTo(before.sync().revisions())
                .hasSize(2);
        other.close();
    }

    @Test
    void aStaleSaveIsAConflictAndCredentialsAreNotStored() {
        StateStore store = fixture.store;
        StoredState state = new StoredState(ApplicationStatus.UNKNOWN, Optional.empty());
        String first = store.save("guestbook", state, Optional.empty());
        StoredState changed = new StoredState(ApplicationStatus.UNKNOWN.withConditions(List.of(new Condition(
                ConditionType.UNKNOWN_ERROR, "changed", fixture.clock.instant()))), Optional.empty());
        store.save("guestbook", changed, Optional.of(first));

        assertThatThrownBy(() -> store.save("guestbook", state, Optional.of(first)))
                .isInstanceOf(StateConflictException.class);
        assertThatThrownBy(() -> store.save("guestbook", state, Optional.empty()))
                .isInstanceOf(StateConflictException.class);

        fixture.controller.register(guestbook("https://robot:s3cr3t-token@example.com/org/repo.git"));
        fixture.controller.start();
        fixture.run();
        ObjectNode configMap = fixture.cluster.get("v1", "ConfigMap", "default", "gitops4j-app-guestbook").orElseThrow();
        assertThat(configMap.toString()).doesNotContain("s3cr3t-token");
    }

    @Test
    void anUnreadableConfigMapIsAClearError() {
        fixture.cluster.createFromYaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: gitops4j-app-guestbook
                  namespace: default
                data:
                  state.json: "{not json"
                """);

        assertThatThrownBy(() -> fixture.store.load("guestbook")).isInstanceOf(GitOpsException.class)
                .hasMessageStartingWith("ConfigMap default/gitops4j-app-guestbook holds no state this version can read")
                .hasMessageEndingWith("delete it to start application guestbook afresh");
    }
}
