package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cli.ControllerInTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops app delete} against a controller running Argo CD's Applications. */
class AppDeleteIT {

    @TempDir
    Path temp;

    private ControllerInTest cluster;

    @BeforeEach
    void start() {
        cluster = new ControllerInTest(temp);
        String blue = cluster.commitColour("blue");
        cluster.createApp(true, "");
        cluster.await(app -> app.map(a -> a.at("/status/sync/revision").asText().equals(blue)
                && a.at("/status/sync/status").asText().equals("Synced")).orElse(false));
        assertThat(cluster.liveColour()).contains("blue");
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aCascadingDeleteAddsTheResourcesFinalizerAndTheControllerDeletesTheResourcesFirst() {
        Run delete = cluster.gitops("app", "delete", "shop", "--yes", "--wait", "--timeout", "60s");

        assertThat(delete.exit()).as(delete.toString()).isZero();
        assertThat(delete.out()).isEqualTo("application 'argocd/shop' deleted\n");
        assertThat(cluster.app()).isEmpty();
        assertThat(cluster.liveColour()).as("the ConfigMap was deleted").isEmpty();
    }

    @Test
    void foregroundPropagationSetsArgoCdsForegroundFinalizerWhichTheControllerHonours() {
        Run delete = cluster.gitops("app", "delete", "shop", "-y", "--propagation-policy", "foreground", "--wait",
                "--timeout", "60s");

        assertThat(delete.exit()).as(delete.toString()).isZero();
        assertThat(cluster.app()).isEmpty();
        assertThat(cluster.liveColour()).isEmpty();
    }

    @Test
    void withoutCascadeTheFinalizerIsRemovedAndTheResourcesStay() {
        cluster.edit(app -> ((ObjectNode) app.path("metadata")).putArray("finalizers")
                .add("resources-finalizer.argocd.argoproj.io"));

        Run delete = cluster.gitops("app", "delete", "shop", "--cascade=false", "--yes", "--wait", "--timeout", "60s");

        assertThat(delete.exit()).as(delete.toString()).isZero();
        assertThat(cluster.app()).isEmpty();
        assertThat(cluster.liveColour()).as("the ConfigMap stays").contains("blue");
    }

    @Test
    void itAsksFirstAndAnythingButYesCancels() {
        Run cancelled = cluster.gitopsWithInput("n\n", "app", "delete", "shop");

        assertThat(cancelled.exit()).isZero();
        assertThat(cancelled.out()).isEqualTo("Are you sure you want to delete 'argocd/shop' and all its resources? [y/n] "
                + "The command to delete 'argocd/shop' was cancelled.\n");
        assertThat(cluster.app()).isPresent();
        assertThat(cluster.app().orElseThrow().at("/metadata/finalizers").isEmpty()).as("nothing written").isTrue();

        Run confirmed = cluster.gitopsWithInput("y\n", "app", "delete", "shop", "--wait", "--timeout", "60s");

        assertThat(confirmed.exit()).as(confirmed.toString()).isZero();
        assertThat(cluster.app()).isEmpty();
        assertThat(cluster.liveColour()).isEmpty();
    }

    @Test
    void aPropagationPolicyWithoutCascadeOrAnUnknownOneIsAUsageError() {
        Run withoutCascade = cluster.gitops("app", "delete", "shop", "-y", "--cascade=false", "-p", "background");
        Run unknown = cluster.gitops("app", "delete", "shop", "-y", "-p", "orphan");

        assertThat(withoutCascade.exit()).isEqualTo(2);
        assertThat(withoutCascade.err()).contains("cannot set --propagation-policy when cascading is disabled");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("'orphan' is not foreground or background");
        assertThat(cluster.app()).isPresent();
    }

    @Test
    void anUnknownApplicationIsOneLine() {
        Run delete = cluster.gitops("app", "delete", "nothing", "-y");

        assertThat(delete.exit()).isEqualTo(1);
        assertThat(delete.err()).isEqualTo("gitops app delete: application argocd/nothing not found; `gitops app list -n "
                + "argocd` lists them\n");
    }
}
