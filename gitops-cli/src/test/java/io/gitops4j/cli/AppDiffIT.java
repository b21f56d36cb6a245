package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cli.ControllerInTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops app diff} against a controller running Argo CD's Applications. */
class AppDiffIT {

    @TempDir
    Path temp;

    private ControllerInTest cluster;
    private String blue;

    @BeforeEach
    void start() {
        cluster = new ControllerInTest(temp);
        blue = cluster.commitColour("blue");
        cluster.createApp(false, "");
        cluster.awaitComparedAt(blue);
        Run sync = cluster.gitops("app", "sync", "shop", "--timeout", "60s");
        assertThat(sync.exit()).as(sync.toString()).isZero();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void noDriftIsExitZero() {
        Run diff = diff();

        assertThat(diff.exit()).as(diff.toString()).isZero();
        assertThat(diff.out()).isEqualTo("no differences in 1 resources\n");
    }

    @Test
    void driftIsExitOneAndTheDiffNamesTheField() {
        cluster.fake.update(colour("red"));

        Run diff = diff();

        assertThat(diff.exit()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.out()).startsWith("===== /ConfigMap/default/settings (OutOfSync) =====\n")
                .contains("-  colour: red\n", "+  colour: blue\n").endsWith("1 of 1 resources differ\n");
    }

    @Test
    void theDesiredStateIsTheRevisionTheControllerLastComparedNotANewerCommit() {
        cluster.commitColour("green");   // not fetched yet: the controller compared blue

        Run diff = diff();

        assertThat(diff.exit()).as(diff.toString()).isZero();
    }

    @Test
    void revisionComparesThatCommitInstead() {
        String green = cluster.commitColour("green");

        Run diff = cluster.gitops("app", "diff", "shop", "--revision", green, "--work-dir", temp.resolve("cli").toString());

        assertThat(diff.exit()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.out()).contains("-  colour: blue\n", "+  colour: green\n");
    }

    @Test
    void anApplicationThatLeftGitIsExtraneous() {
        cluster.repo.delete("app/settings.yaml");
        cluster.repo.write("app/other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n");
        String moved = cluster.repo.commit("replace settings");
        cluster.edit(app -> ((ObjectNode) app.path("metadata")).putObject("annotations")
                .put("argocd.argoproj.io/refresh", "hard"));
        cluster.awaitComparedAt(moved);

        Run diff = diff();

        assertThat(diff.exit()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.out()).contains("===== /ConfigMap/default/other (Missing) =====",
                "===== /ConfigMap/default/settings (Extraneous) =====").endsWith("2 of 2 resources differ\n");
    }

    @Test
    void localComparesADirectoryWithTheLiveCluster() throws IOException {
        Path local = Files.createDirectories(temp.resolve("local/app"));
        Files.writeString(local.resolve("settings.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                + "data:\n  colour: purple\n");

        Run diff = cluster.gitops("app", "diff", "shop", "--local", local.toString());

        assertThat(diff.exit()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.out()).contains("-  colour: blue\n", "+  colour: purple\n");
    }

    @Test
    void anUnknownApplicationIsExitTwo() {
        Run diff = cluster.gitops("app", "diff", "nothing");

        assertThat(diff.exit()).isEqualTo(2);
        assertThat(diff.err()).isEqualTo("gitops app diff: application argocd/nothing not found; `gitops app list -n "
                + "argocd` lists them\n");
    }

    private Run diff() {
        return cluster.gitops("app", "diff", "shop", "--work-dir", temp.resolve("cli").toString());
    }

    private ObjectNode colour(String colour) {
        ObjectNode live = (ObjectNode) cluster.fake.get("v1", "ConfigMap", "default", "settings").orElseThrow();
        ((ObjectNode) live.path("data")).put("colour", colour);
        return live;
    }
}
