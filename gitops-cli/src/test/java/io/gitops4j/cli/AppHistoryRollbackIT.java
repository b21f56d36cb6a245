package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cli.ControllerInTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gitops app history} and {@code gitops app rollback} against a controller running Argo CD's Applications. */
class AppHistoryRollbackIT {

    @TempDir
    Path temp;

    private ControllerInTest cluster;

    @BeforeEach
    void start() {
        cluster = new ControllerInTest(temp);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void historyListsTwoSyncsAndRollbackSyncsTheFirstCommitAgain() {
        String blue = cluster.commitColour("blue");
        cluster.createApp(false, "");
        cluster.awaitComparedAt(blue);
        assertThat(cluster.gitops("app", "sync", "shop", "--timeout", "60s").exit()).isZero();
        String green = cluster.commitColour("green");
        Run secondSync = cluster.gitops("app", "sync", "shop", "--timeout", "60s");
        assertThat(secondSync.exit()).as(secondSync.toString()).isZero();
        assertThat(cluster.liveColour()).contains("green");

        Run history = cluster.gitops("app", "history", "shop");

        assertThat(history.exit()).isZero();
        assertThat(history.out().lines()).hasSize(4);
        assertThat(history.out()).startsWith("SOURCE  " + cluster.repo.url() + "\nID      DATE")
                .containsPattern("\n0 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\S+ +HEAD \\(" + blue.substring(0, 7)
                        + "\\)\n")
                .containsPattern("\n1 +.* HEAD \\(" + green.substring(0, 7) + "\\)\n");
        assertThat(cluster.gitops("app", "history", "shop", "-o", "id").out()).isEqualTo("0\n1\n");

        Run rollback = cluster.gitops("app", "rollback", "shop", "--timeout", "60s");

        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(rollback.out()).containsPattern("ConfigMap +default +settings +Synced")
                .contains("Phase:    Succeeded", "Revision: " + blue);
        assertThat(cluster.liveColour()).as("the first commit's objects again").contains("blue");
        ObjectNode app = cluster.app().orElseThrow();
        assertThat(app.has("operation")).as("cleared").isFalse();
        JsonNode history3 = app.at("/status/history");
        assertThat(history3).hasSize(3);
        assertThat(history3.get(2).path("id").asInt()).isEqualTo(2);
        assertThat(history3.get(2).path("revision").asText()).isEqualTo(blue);
        assertThat(history3.get(2).at("/source/repoURL").asText()).isEqualTo(cluster.repo.url());
        assertThat(history3.get(2).at("/source/targetRevision").asText()).isEqualTo("HEAD");
        JsonNode operation = app.at("/status/operationState/operation");
        assertThat(operation.at("/sync/revision").asText()).isEqualTo(blue);
        assertThat(operation.at("/sync/source/path").asText()).isEqualTo("app");
        assertThat(operation.at("/initiatedBy/username").asText()).isEqualTo(System.getProperty("user.name"));
        cluster.await(now -> now.map(a -> a.at("/status/sync/revision").asText().equals(green)
                && a.at("/status/sync/status").asText().equals("OutOfSync")).orElse(false));   // Git still says green
    }

    @Test
    void rollbackToAnIdSyncsThatEntrysSourceEvenWhenTheSpecMovedOn() {
        cluster.repo.write("elsewhere/settings.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                + "data:\n  colour: red\n");
        String commit = cluster.commitColour("blue");
        cluster.createApp(false, "");
        cluster.awaitComparedAt(commit);
        assertThat(cluster.gitops("app", "sync", "shop", "--timeout", "60s").exit()).isZero();
        cluster.edit(app -> ((ObjectNode) app.at("/spec/source")).put("path", "elsewhere"));
        cluster.await(app -> app.map(a -> a.at("/status/sync/comparedTo/source/path").asText().equals("elsewhere"))
                .orElse(false));
        assertThat(cluster.gitops("app", "sync", "shop", "--timeout", "60s").exit()).isZero();
        assertThat(cluster.liveColour()).contains("red");

        Run rollback = cluster.gitops("app", "rollback", "shop", "0", "--timeout", "60s");

        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(cluster.liveColour()).as("history 0 synced path app, not the spec's elsewhere").contains("blue");
        JsonNode latest = cluster.app().orElseThrow().at("/status/history/2");
        assertThat(latest.at("/source/path").asText()).isEqualTo("app");
        assertThat(latest.path("revision").asText()).isEqualTo(commit);
        assertThat(cluster.app().orElseThrow().at("/spec/source/path").asText()).isEqualTo("elsewhere");
    }

    @Test
    void rollbackOfSeveralSourcesSyncsEachAtItsRecordedRevision() {
        cluster.repo.write("extra/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n"
                + "data:\n  size: small\n");
        String blue = cluster.commitColour("blue");
        cluster.createApp(false, "");
        cluster.edit(app -> {
            ObjectNode spec = (ObjectNode) app.path("spec");
            ObjectNode first = (ObjectNode) spec.remove("source");
            spec.putArray("sources").add(first).add(first.deepCopy().put("path", "extra"));
        });
        cluster.await(app -> app.map(a -> a.at("/status/sync/comparedTo/sources").size() == 2 && !a.has("operation"))
                .orElse(false));
        assertThat(cluster.gitops("app", "sync", "shop", "--timeout", "60s").exit()).isZero();
        cluster.repo.write("extra/extra.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n"
                + "data:\n  size: large\n");
        String green = cluster.commitColour("green");
        Run sync = cluster.gitops("app", "sync", "shop", "--timeout", "60s");
        assertThat(sync.exit()).as(sync.toString()).isZero();
        assertThat(cluster.liveColour()).contains("green");

        Run rollback = cluster.gitops("app", "rollback", "shop", "0", "--timeout", "60s");

        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(cluster.liveColour()).contains("blue");
        assertThat(cluster.fake.get("v1", "ConfigMap", "default", "extra").orElseThrow().at("/data/size").asText())
                .isEqualTo("small");
        JsonNode latest = cluster.app().orElseThrow().at("/status/history/2");
        assertThat(latest.path("revisions")).extracting(JsonNode::asText).containsExactly(blue, blue);
        assertThat(latest.path("sources")).extracting(s -> s.path("path").asText()).containsExactly("app", "extra");
        JsonNode operation = cluster.app().orElseThrow().at("/status/operationState/operation/sync");
        assertThat(operation.at("/syncStrategy/apply").isObject()).isTrue();
        assertThat(operation.path("revisions")).extracting(JsonNode::asText).containsExactly(blue, blue);
    }

    @Test
    void rollbackIsRefusedWhileAutomatedSyncIsOn() {
        String blue = cluster.commitColour("blue");
        cluster.createApp(true, "");
        cluster.await(app -> app.map(a -> a.at("/status/history").size() == 1).orElse(false));

        Run rollback = cluster.gitops("app", "rollback", "shop", "0");

        assertThat(rollback.exit()).isEqualTo(1);
        assertThat(rollback.err()).startsWith("gitops app rollback: rollback of application 'argocd/shop' refused: ")
                .contains("auto-sync is enabled").hasLineCount(1);
        assertThat(cluster.app().orElseThrow().has("operation")).isFalse();
        assertThat(cluster.app().orElseThrow().at("/status/history/0/revision").asText()).isEqualTo(blue);
    }

    @Test
    void rollbackWithoutAnIdNeedsTwoDeploymentsAndAnUnknownIdIsNamed() {
        String blue = cluster.commitColour("blue");
        cluster.createApp(false, "");
        cluster.awaitComparedAt(blue);
        assertThat(cluster.gitops("app", "sync", "shop", "--timeout", "60s").exit()).isZero();

        Run previous = cluster.gitops("app", "rollback", "shop");
        Run unknown = cluster.gitops("app", "rollback", "shop", "7");

        assertThat(previous.exit()).isEqualTo(1);
        assertThat(previous.err()).contains("should have at least two successful deployments");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("does not have deployment id '7' in history");
        assertThat(cluster.app().orElseThrow().has("operation")).isFalse();
    }
}
