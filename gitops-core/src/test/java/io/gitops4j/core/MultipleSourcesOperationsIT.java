package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.git.LocalRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controller mode's operations on an Application of several sources, over HTTP with Argo CD's own
 * CRDs: {@code .operation.sync.revisions} and {@code sources}, {@code status.history[].sources}
 * and {@code revisions}, {@code status.operationState.syncResult.sources} and {@code revisions},
 * a rollback as Argo CD's API server writes it (every source at its recorded revision, with the
 * {@code apply} strategy), and {@code syncStrategy: {apply: {}}} leaving a PreSync hook out.
 */
class MultipleSourcesOperationsIT {

    @TempDir
    Path temp;

    private CrdControllerOverHttp http;
    private LocalRepository guestbook;
    private LocalRepository extras;

    @BeforeEach
    void start() {
        guestbook = GuestbookRepository.create(temp.resolve("guestbook"));
        extras = LocalRepository.init(temp.resolve("extras"));
        extras.write("extras/configmap.yaml", extrasConfigMap("one")).write("extras-v2/configmap.yaml",
                extrasConfigMap("v2")).commit("extras one");
        http = new CrdControllerOverHttp(temp.resolve("work"));
    }

    @AfterEach
    void stop() {
        http.close();
        guestbook.close();
        extras.close();
    }

    private static String extrasConfigMap(String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: extras
                data:
                  value: %s
                """.formatted(value);
    }

    @Test
    void revisionsHistoryAndARollbackOfSeveralSourcesUseArgoCdsFields() {
        String guestbookOne = head(guestbook);
        String extrasOne = head(extras);
        String guestbookTwo = guestbook.write(GuestbookRepository.PATH + "/deployment.yaml",
                GuestbookRepository.deployment(4)).commit("scale to 4");
        String extrasTwo = extras.write("extras/configmap.yaml", extrasConfigMap("two")).commit("extras two");
        http.fake.createFromYaml(appYaml());
        runUntil(() -> status().at("/sync/status").asText().equals("OutOfSync"));

        // a sync of each source at its own revision, as `argocd app sync --revisions` writes it
        operate(operation -> operation.putObject("sync").set("revisions", JsonNodeFactory.instance.arrayNode().add(guestbookOne).add(extrasOne)));
        JsonNode first = status();
        assertThat(replicas()).isEqualTo(2);
        assertThat(extrasValue()).isEqualTo("one");
        assertThat(texts(first.at("/operationState/operation/sync/revisions"))).containsExactly(guestbookOne, extrasOne);
        assertThat(texts(first.at("/operationState/syncResult/revisions"))).containsExactly(guestbookOne, extrasOne);
        assertThat(first.at("/operationState/syncResult/sources/1/path").asText()).isEqualTo("extras");
        assertThat(texts(first.at("/history/0/revisions"))).containsExactly(guestbookOne, extrasOne);
        assertThat(first.at("/history/0/sources")).extracting(s -> s.path("repoURL").asText())
                .containsExactly(guestbook.url(), extras.url());

        operate(operation -> operation.putObject("sync"));
        assertThat(replicas()).isEqualTo(4);
        assertThat(extrasValue()).isEqualTo("two");
        assertThat(texts(status().at("/history/1/revisions"))).containsExactly(guestbookTwo, extrasTwo);

        // the spec moves on: its second source now renders another path
        edit(app -> ((ObjectNode) app.at("/spec/sources/1")).put("path", "extras-v2"));
        runUntil(() -> status().at("/sync/status").asText().equals("OutOfSync"));

        // Argo CD's API server's rollback to id 0: its revisions and sources, the apply strategy, a zero source
        JsonNode entry = status().at("/history/0");
        operate(operation -> {
            ObjectNode sync = operation.putObject("sync").put("revision", entry.path("revision").asText());
            sync.set("revisions", entry.path("revisions").deepCopy());
            sync.putObject("source").put("repoURL", "");
            sync.set("sources", entry.path("sources").deepCopy());
            sync.putObject("syncStrategy").putObject("apply");
        });

        JsonNode rolledBack = status();
        assertThat(rolledBack.at("/operationState/phase").asText()).isEqualTo("Succeeded");
        assertThat(replicas()).as("the first source at its recorded revision").isEqualTo(2);
        assertThat(extrasValue()).as("the second source as recorded: path extras at its first commit").isEqualTo("one");
        assertThat(rolledBack.at("/operationState/operation/sync/syncStrategy/apply").isObject()).isTrue();
        assertThat(texts(rolledBack.at("/history/2/revisions"))).containsExactly(guestbookOne, extrasOne);
        assertThat(rolledBack.at("/history/2/sources/1/path").asText()).isEqualTo("extras");
        assertThat(rolledBack.at("/sync/status").asText()).as("the spec's sources differ from what was rolled back to")
                .isEqualTo("OutOfSync");
    }

    @Test
    void anOperationOfTheApplyStrategyRunsNoHookWhereTheHookStrategyDoes() {
        guestbook.write(GuestbookRepository.PATH + "/migrate.yaml", """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: migrate
                  annotations:
                    argocd.argoproj.io/hook: PreSync
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "migrate:1"}]
                """).commit("a PreSync hook");
        http.fake.createFromYaml(appYaml());
        runUntil(() -> status().at("/sync/status").asText().equals("OutOfSync"));

        operate(operation -> operation.putObject("sync").putObject("syncStrategy").putObject("apply"));
        assertThat(status().at("/operationState/phase").asText()).isEqualTo("Succeeded");
        assertThat(replicas()).isEqualTo(2);
        assertThat(http.fake.get("batch/v1", "Job", "guestbook", "migrate")).as("apply: no hook").isEmpty();

        operate(operation -> operation.putObject("sync").putObject("syncStrategy").putObject("hook"));
        assertThat(status().at("/operationState/phase").asText()).isEqualTo("Succeeded");
        assertThat(http.fake.get("batch/v1", "Job", "guestbook", "migrate")).as("hook: the PreSync Job ran").isPresent();
    }

    /** Writes {@code .operation} as the argocd CLI does and waits until the controller ran and cleared it. */
    private void operate(Consumer<ObjectNode> operation) {
        String before = status().at("/operationState/startedAt").asText() + status().at("/history").size();
        edit(app -> {
            ObjectNode written = app.putObject("operation");
            operation.accept(written);
            written.putObject("initiatedBy").put("username", "alice");
        });
        runUntil(() -> !app().has("operation") && status().at("/operationState/finishedAt").isTextual()
                && !(status().at("/operationState/startedAt").asText() + status().at("/history").size()).equals(before));
        http.clock.advance(Duration.ofSeconds(5));   // the next operation starts at another second
    }

    private String appYaml() {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                  namespace: argocd
                spec:
                  project: default
                  sources:
                  - repoURL: %s
                    path: %s
                    targetRevision: HEAD
                  - repoURL: %s
                    path: extras
                    targetRevision: HEAD
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: guestbook
                """.formatted(guestbook.url(), GuestbookRepository.PATH, extras.url());
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private String head(LocalRepository repo) {
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(repo.directory().toFile())) {
            return git.getRepository().resolve("HEAD").name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int replicas() {
        return http.fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")
                .map(d -> d.at("/spec/replicas").asInt()).orElse(-1);
    }

    private String extrasValue() {
        return http.fake.get("v1", "ConfigMap", "guestbook", "extras").map(c -> c.at("/data/value").asText()).orElse("");
    }

    private ObjectNode app() {
        return http.app("guestbook");
    }

    private JsonNode status() {
        return http.status("guestbook");
    }

    private void edit(Consumer<ObjectNode> change) {
        http.edit("guestbook", change);
    }

    private void runUntil(BooleanSupplier done) {
        http.runUntil(done);
    }
}
