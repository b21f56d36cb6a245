package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.ApplicationCondition;
import io.gitops4j.k8s.sync.SyncOption;
import io.gitops4j.k8s.sync.SyncRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two applications rendering the same objects: each sync reports the objects the other claims. */
class SharedResourceReconcileTest {

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private LocalRepository repo;
    private GitOps gitops;

    @BeforeEach
    void setUp() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void theSecondApplicationIsWarnedOfEveryObjectTheFirstClaimsAndTakesThemOver() {
        gitops.sync(app("guestbook").build(), SyncRequest.defaults());

        ReconcileResult copy = gitops.sync(app("guestbook-copy").build(), SyncRequest.defaults());

        assertThat(copy.syncFailed()).isFalse();
        assertThat(copy.conditions()).extracting(ApplicationCondition::type)
                .containsOnly(ApplicationCondition.Type.SHARED_RESOURCE_WARNING);
        assertThat(copy.conditions()).extracting(ApplicationCondition::message).containsExactlyInAnyOrder(
                "Namespace/guestbook is part of applications guestbook-copy and guestbook",
                "Deployment/guestbook-ui is part of applications guestbook-copy and guestbook",
                "Service/guestbook-ui is part of applications guestbook-copy and guestbook",
                "ConfigMap/guestbook-settings is part of applications guestbook-copy and guestbook");
        assertThat(copy.sync().orElseThrow().conditions()).hasSize(4);
        assertThat(gitops.compare(app("guestbook").build()).conditions()).extracting(ApplicationCondition::message)
                .contains("ConfigMap/guestbook-settings is part of applications guestbook and guestbook-copy");
    }

    @Test
    void anApplicationWithFailOnSharedResourceDoesNotTakeThemOver() {
        gitops.sync(app("guestbook").build(), SyncRequest.defaults());

        ReconcileResult copy = gitops.sync(app("guestbook-copy").syncOptions(SyncOption.FAIL_ON_SHARED_RESOURCE.enabled()).build(),
                SyncRequest.defaults());

        assertThat(copy.syncFailed()).isTrue();
        assertThat(copy.sync().orElseThrow().message()).startsWith("Shared resource found: ");
        assertThat(cluster.get("v1", "ConfigMap", "guestbook", "guestbook-settings").orElseThrow()
                .at("/metadata/annotations/gitops4j.io~1tracking-id").asText()).startsWith("guestbook:");
    }

    private Application.Builder app(String name) {
        return Application.builder(name).repoURL(repo.url()).path(GuestbookRepository.PATH)
                .destinationNamespace("guestbook");
    }
}
