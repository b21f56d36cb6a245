package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller on its default thread pool: many applications at once, none worked on twice at once. */
class ControllerThreadsTest {

    private static final int APPS = 12;

    @TempDir
    Path temp;

    @Test
    void manyApplicationsSyncOnThePoolAndNoneRunsTwiceAtOnce() throws InterruptedException {
        FakeCluster cluster = new FakeCluster();
        CountDownLatch synced = new CountDownLatch(APPS);
        Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
        Set<String> overlapping = ConcurrentHashMap.newKeySet();
        try (LocalRepository repo = GuestbookRepository.create(temp.resolve("repo"))) {
            repo.write("apps/settings/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                    + "data:\n  colour: blue\n").commit("settings");
            GitOps gitops = GitOps.builder().cluster(cluster).workDir(temp.resolve("work")).build();
            try (ApplicationController controller = gitops.controller().statusProcessors(4).operationProcessors(2)
                    .listener(event -> {
                        AtomicInteger count = running.computeIfAbsent(event.appName(), n -> new AtomicInteger());
                        if (event.type() == ApplicationEvent.Type.SYNC_STARTED && count.incrementAndGet() > 1) {
                            overlapping.add(event.appName());
                        }
                        if (event.type() == ApplicationEvent.Type.SYNC_SUCCEEDED
                                || event.type() == ApplicationEvent.Type.SYNC_FAILED) {
                            count.decrementAndGet();
                            synced.countDown();
                        }
                    }).refreshInterval(Duration.ofHours(1)).build()) {
                for (int i = 0; i < APPS; i++) {
                    cluster.createFromYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns-" + i + "\n");
                    controller.register(Application.builder("app-" + i).repoURL(repo.url()).path("apps/settings")
                            .destinationNamespace("ns-" + i).automated(AutomatedSync.of(true, true)).build());
                }
                controller.start();

                assertThat(synced.await(120, TimeUnit.SECONDS)).as("every application synced").isTrue();
                assertThat(overlapping).isEmpty();
                for (int i = 0; i < APPS; i++) {
                    assertThat(cluster.get("v1", "ConfigMap", "ns-" + i, "settings")).isPresent();
                    assertThat(controller.history("app-" + i)).hasSize(1);
                }
                assertThat(controller.statuses().values()).allSatisfy(s -> assertThat(s.operationState())
                        .hasValueSatisfying(op -> assertThat(op.isCompleted()).isTrue()));
                assertThat(controller.statuses().values()).extracting(s -> s.sync().status())
                        .doesNotContain(SyncStatusCode.UNKNOWN);
            }
        }
    }
}
