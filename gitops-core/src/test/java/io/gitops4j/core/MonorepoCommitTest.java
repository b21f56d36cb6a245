package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit to one folder of a monorepo: the applications of the other folders move to the commit with the same comparison. */
class MonorepoCommitTest {

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp);
        fixture.repo.write("apps/other/settings.yaml", settings("one")).commit("another app");
        fixture.cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n");
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private static String settings(String value) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  value: " + value + "\n";
    }

    private void register(AutomatedSync guestbookAutomation) {
        fixture.controller.register(Application.builder("guestbook").repoURL(fixture.repo.url())
                .path(GuestbookRepository.PATH).destinationNamespace("guestbook").automated(guestbookAutomation).build());
        fixture.controller.register(Application.builder("other").repoURL(fixture.repo.url()).path("apps/other")
                .destinationNamespace("other").automated(AutomatedSync.of(true, true)).build());
        fixture.controller.start();
        fixture.run();
    }

    private String commitToOther(String value) {
        String sha = fixture.repo.write("apps/other/settings.yaml", settings(value)).commit("change other");
        fixture.clock.advance(Duration.ofSeconds(5));
        fixture.controller.refresh(fixture.repo.url(), "master");
        fixture.run();
        return sha;
    }

    private ApplicationStatus guestbook() {
        return fixture.controller.status("guestbook");
    }

    @Test
    void aSyncedApplicationWhoseFolderDidNotChangeIsSyncedAtTheNewCommit() {
        register(AutomatedSync.of(true, true));
        ApplicationStatus before = guestbook();
        assertThat(before.sync().status()).isEqualTo(SyncStatusCode.SYNCED);

        String sha = commitToOther("two");

        assertThat(fixture.cluster.get("v1", "ConfigMap", "other", "settings").orElseThrow().at("/data/value").asText())
                .isEqualTo("two");
        assertThat(guestbook().sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(guestbook().sync().revision()).isEqualTo(sha);
        assertThat(guestbook().reconciledAt()).contains(fixture.clock.instant());
        assertThat(guestbook().resources()).isEqualTo(before.resources());
        assertThat(guestbook().history()).as("nothing to sync").isEqualTo(before.history());

        ObjectNode drifted = fixture.deployment();
        ((ObjectNode) drifted.get("spec")).put("replicas", 9);
        fixture.cluster.update(drifted);
        fixture.run();
        assertThat(fixture.replicas()).as("a drift afterwards is still healed").isEqualTo(2);
    }

    @Test
    void anOutOfSyncApplicationIsComparedAgainAtTheNewCommit() {
        register(AutomatedSync.DISABLED);
        fixture.controller.sync("guestbook", io.gitops4j.k8s.sync.SyncRequest.defaults());
        fixture.run();
        ObjectNode drifted = fixture.deployment();
        ((ObjectNode) drifted.get("spec")).put("replicas", 9);
        fixture.cluster.update(drifted);
        fixture.run();
        assertThat(guestbook().sync().status()).isEqualTo(SyncStatusCode.OUT_OF_SYNC);

        String sha = commitToOther("three");

        assertThat(guestbook().sync().status()).isEqualTo(SyncStatusCode.OUT_OF_SYNC);
        assertThat(guestbook().sync().revision()).isEqualTo(sha);
        assertThat(fixture.replicas()).isEqualTo(9);
    }
}
