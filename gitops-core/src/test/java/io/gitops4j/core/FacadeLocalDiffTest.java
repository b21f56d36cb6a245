package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.diff.LocalDiffResult;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.kube.Yaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GitOps.diff}: manifests at hand against the cluster as an application's, as {@code argocd
 * app diff APP --local} compares them: the destination namespace for objects without one, the
 * application's tracking mark and its ignoreDifferences.
 */
class FacadeLocalDiffTest {

    @TempDir
    Path temp;

    private final FakeCluster cluster = new FakeCluster();
    private LocalRepository repo;

    @AfterEach
    void close() {
        repo.close();
    }

    private Application guestbook(String ignoreDifferences) {
        return Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: guestbook}
                spec:
                  source: {repoURL: %s, path: %s}
                  destination: {namespace: guestbook}
                  %s
                """.formatted(repo.url(), GuestbookRepository.PATH, ignoreDifferences), "guestbook.yaml");
    }

    private static List<ObjectNode> manifests(String deployment) {
        List<ObjectNode> objects = new ArrayList<>();
        for (String text : List.of("apiVersion: v1\nkind: Namespace\nmetadata: {name: guestbook}\n", deployment,
                "apiVersion: v1\nkind: Service\nmetadata: {name: guestbook-ui}\nspec:\n  selector: {app: guestbook-ui}\n"
                        + "  ports: [{port: 80, targetPort: 80}]\n",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: guestbook-settings}\ndata: {greeting: hello}\n")) {
            Yaml.readDocuments(text, "local").stream().map(YamlDocument::body).forEach(objects::add);
        }
        return objects;
    }

    private static List<String> statuses(LocalDiffResult result) {
        return result.resources().stream().map(ResourceState::key).map(Object::toString).sorted().toList();
    }

    @Test
    void manifestsWithoutNamespacesAreComparedAsTheApplicationsInItsDestination() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
        gitops.sync(guestbook(""), io.gitops4j.k8s.sync.SyncRequest.defaults());

        LocalDiffResult same = gitops.diff(guestbook(""), manifests(GuestbookRepository.deployment(2)));
        assertThat(same.modified()).as(same.changed().toString()).isFalse();
        assertThat(statuses(same)).contains("apps/Deployment/guestbook/guestbook-ui", "/ConfigMap/guestbook/guestbook-settings");

        LocalDiffResult scaled = gitops.diff(guestbook(""), manifests(GuestbookRepository.deployment(5)));
        assertThat(scaled.changed()).extracting(s -> s.key().toString())
                .containsExactly("apps/Deployment/guestbook/guestbook-ui");

        LocalDiffResult ignored = gitops.diff(guestbook("""
                ignoreDifferences:
                  - {group: apps, kind: Deployment, jsonPointers: [/spec/replicas]}
                """.replace("\n", "\n  ")), manifests(GuestbookRepository.deployment(5)));
        assertThat(ignored.modified()).as("the application's ignoreDifferences apply").isFalse();
    }
}
