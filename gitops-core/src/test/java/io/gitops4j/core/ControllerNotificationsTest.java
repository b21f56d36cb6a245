package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.core.model.SyncPolicy;
import io.gitops4j.core.notifications.ClusterNotificationStateStore;
import io.gitops4j.core.notifications.NotificationsConfig;
import io.gitops4j.core.notifications.NotificationsConfigReader;
import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.RetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Argo CD Notifications from the controller: a failed sync posts exactly one message to a local
 * endpoint standing in for a Slack incoming webhook, and a restarted controller (remembering in a
 * ConfigMap what was sent) does not post it again.
 */
class ControllerNotificationsTest {

    /** A failed sync ends at once instead of being retried (automated syncs retry 5 times by default). */
    private static final SyncPolicy NO_RETRY = new SyncPolicy(List.of(), RetryPolicy.NONE, ManagedNamespaceMetadata.NONE);


    @TempDir
    Path temp;

    private ControllerFixture fixture;
    private HttpServer slack;
    private final List<String> posted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/", exchange -> {
            posted.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        slack.start();
        fixture = new ControllerFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        slack.stop(0);
    }

    private NotificationsConfig config() {
        return NotificationsConfigReader.read("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: argocd-notifications-cm
                data:
                  service.slack: |
                    webhookURL: $slack-webhook
                  trigger.on-sync-failed: |
                    - when: app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']
                      send: [app-sync-failed]
                      oncePer: app.status.operationState?.syncResult?.revision
                  template.app-sync-failed: |
                    message: '{{.app.metadata.name}} failed to sync: {{.app.status.operationState.message}}'
                """, "stringData:\n  slack-webhook: http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T0/B0/X\n");
    }

    private void newController() {
        NotificationsConfig config = config();
        fixture.newController(b -> b.notifications(config, n -> n
                .store(new ClusterNotificationStateStore(fixture.cluster, "default"))
                .executor(task -> fixture.scheduler.execute(task))));
        fixture.controller.register(Application.builder("guestbook").repoURL(fixture.repo.url())
                .path(GuestbookRepository.PATH).destinationNamespace("guestbook").automated(AutomatedSync.of(true, true))
                .syncPolicy(NO_RETRY).annotations(Map.of("notifications.argoproj.io/subscribe.on-sync-failed.slack", "team-alerts"))
                .build());
        fixture.controller.start();
        fixture.run();
    }

    @Test
    void aSlackEndpointThatHangsHoldsUpNoSync() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        slack.removeContext("/");
        slack.createContext("/", exchange -> {
            received.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        NotificationsConfig config = config();
        try {
            fixture.newController(b -> b.notifications(config));   // the notifier's own delivery thread
            fixture.controller.register(Application.builder("guestbook").repoURL(fixture.repo.url())
                    .path(GuestbookRepository.PATH).destinationNamespace("guestbook").automated(AutomatedSync.of(true, true))
                    .syncPolicy(NO_RETRY).annotations(Map.of("notifications.argoproj.io/subscribe.on-sync-failed.slack", "team-alerts"))
                    .build());
            fixture.controller.start();
            fixture.run();
            breakTheApp();
            fixture.nextRound();
            assertThat(received.await(30, TimeUnit.SECONDS)).as("the delivery started").isTrue();

            fixture.repo.delete(GuestbookRepository.PATH + "/bad.yaml")
                    .write(GuestbookRepository.PATH + "/deployment.yaml", GuestbookRepository.deployment(3)).commit("fix");
            fixture.nextRound();
            assertThat(fixture.replicas()).as("the next sync ran while the message hangs").isEqualTo(3);
            assertThat(fixture.controller.status("guestbook").operationState().orElseThrow().phase())
                    .isEqualTo(OperationPhase.SUCCEEDED);
        } finally {
            release.countDown();
        }
    }

    private void breakTheApp() {
        fixture.repo.write(GuestbookRepository.PATH + "/bad.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: bad
                  labels:
                    tier: "not a valid label!"
                """).commit("add an invalid object");
    }

    @Test
    void aFailedSyncPostsExactlyOneMessageAndARestartDoesNotPostItAgain() {
        newController();
        assertThat(posted).as("the first sync succeeds: nothing to say").isEmpty();

        fixture.repo.write(GuestbookRepository.PATH + "/bad.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: bad
                  labels:
                    tier: "not a valid label!"
                """).commit("add an invalid object");
        fixture.nextRound();
        assertThat(fixture.controller.status("guestbook").operationState().orElseThrow().phase())
                .isEqualTo(OperationPhase.FAILED);
        fixture.nextRound();
        fixture.controller.refresh("guestbook", io.gitops4j.core.engine.RefreshType.HARD);
        fixture.run();

        assertThat(posted).singleElement().satisfies(post -> {
            assertThat(post).startsWith("/services/T0/B0/X ");
            assertThat(post).contains("guestbook failed to sync: ");
        });

        newController();   // a restart: a new controller, notifier and store over the same cluster
        fixture.nextRound();
        assertThat(fixture.eventTypes("guestbook")).contains(ApplicationEvent.Type.SYNC_FAILED);
        assertThat(posted).as("not posted again after the restart").hasSize(1);
    }
}
