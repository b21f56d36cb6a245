package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.core.git.LocalRepository;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controller mode over HTTP: the controller closed (a SIGTERM) while an {@code .operation} of
 * three waves runs leaves the Application's {@code status.operationState} Running and its
 * {@code .operation} in place; the next controller runs it again, completes it, records it in the
 * history once and clears {@code .operation}.
 */
class ControllerModeGracefulStopIT {

    @TempDir
    Path temp;

    private CrdControllerOverHttp http;
    private LocalRepository repo;

    @BeforeEach
    void start() {
        repo = GuestbookRepository.create(temp.resolve("repo"));
        repo.write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(2)
                .replace("  name: guestbook-ui\n", "  name: guestbook-ui\n  annotations:\n"
                        + "    argocd.argoproj.io/sync-wave: \"1\"\n"))
                .write(GuestbookRepository.PATH + "/service.yaml", repo.read(GuestbookRepository.PATH
                        + "/service.yaml").replace("  name: guestbook-ui\n", "  name: guestbook-ui\n  annotations:\n"
                                + "    argocd.argoproj.io/sync-wave: \"2\"\n"))
                .commit("the Deployment in wave 1, the Service in wave 2");
        http = new CrdControllerOverHttp(temp.resolve("work"));
    }

    @AfterEach
    void stop() {
        http.close();
        repo.close();
    }

    @Test
    void anOperationCutOffByCloseIsRunAgainByTheNextController() {
        http.fake.createFromYaml("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                  namespace: argocd
                spec:
                  project: default
                  source:
                    repoURL: %s
                    path: %s
                    targetRevision: HEAD
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: guestbook
                """.formatted(repo.url(), GuestbookRepository.PATH));
        http.runUntil(() -> http.status("guestbook").at("/sync/status").asText().equals("OutOfSync"));
        AtomicInteger paces = new AtomicInteger();
        http.onPace = () -> {
            if (paces.incrementAndGet() == 1) {
                http.controller.close();
            }
        };

        http.edit("guestbook", app -> {
            app.putObject("operation").putObject("sync").put("prune", true);
            app.with("operation").putObject("initiatedBy").put("username", "alice");
        });
        http.runUntil(() -> paces.get() > 0 && http.scheduler.readyTasks() == 0);

        JsonNode cutOff = http.app("guestbook");
        assertThat(cutOff.at("/status/operationState/phase").asText()).isEqualTo("Running");
        assertThat(cutOff.has("operation")).as("kept until the operation completes, as Argo CD").isTrue();
        assertThat(http.fake.get("v1", "Service", "guestbook", "guestbook-ui")).as("wave 2 never started").isEmpty();

        http.onPace = () -> { };
        http.restart();
        http.runUntil(() -> !http.app("guestbook").has("operation")
                && http.status("guestbook").at("/operationState/phase").asText().equals("Succeeded"));

        JsonNode done = http.status("guestbook");
        assertThat(done.at("/operationState/operation/initiatedBy/username").asText()).isEqualTo("alice");
        assertThat(done.path("history")).hasSize(1);
        assertThat(http.fake.get("v1", "Service", "guestbook", "guestbook-ui")).isPresent();
        assertThat(http.fake.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")).isPresent();
    }
}
