package io.gitops4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.GitOps;
import io.gitops4j.core.ReconcileResult;
import io.gitops4j.core.git.LocalRepository;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.AutomatedSync;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.SyncStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The quickstart: a throwaway Git repository holding the bundled guestbook app, an in-memory
 * fake cluster, and five steps of GitOps, each checked against the cluster's state.
 */
final class Demo {

    private static final String APP_PATH = "guestbook";
    private static final String DEPLOYMENT_FILE = APP_PATH + "/deployment.yaml";

    private final Narrator narrator;

    Demo(Narrator narrator) {
        this.narrator = narrator;
    }

    /**
     * Runs the story in {@code workspace} (an empty folder).
     *
     * @return the number of checks that failed
     */
    int run(Path workspace) {
        FakeCluster cluster = new FakeCluster();
        try (LocalRepository repo = LocalRepository.init(workspace.resolve("repo"))) {
            copySampleApp(repo);
            String initial = repo.commit("add the guestbook app");
            GitOps gitops = GitOps.builder().cluster(cluster).workDir(workspace.resolve("work")).build();
            Application app = Application.builder("guestbook").repoURL(repo.url()).path(APP_PATH)
                    .destinationNamespace("guestbook").automated(AutomatedSync.of(true, true)).build();

            narrator.title("GitOps4J demo: a Git repository reconciled into an in-memory fake cluster.");
            narrator.say("Git repository: " + repo.directory() + " (commit " + shortSha(initial) + ")");
            narrator.say("Cluster:        in-memory FakeCluster");
            narrator.say("Application:    guestbook, path guestbook/ -> namespace guestbook,");
            narrator.say("                automated sync with prune and self-heal");

            firstSync(gitops, app, cluster);
            String scaleUp = newCommit(gitops, app, cluster, repo);
            selfHeal(gitops, app, cluster);
            prune(gitops, app, cluster, repo);
            rollBack(gitops, app, cluster, repo, scaleUp);
        }
        narrator.blankLine();
        if (narrator.failedChecks() == 0) {
            narrator.say("Every step did what it said.");
        } else {
            narrator.say(narrator.failedChecks() + " check(s) failed.");
        }
        return narrator.failedChecks();
    }

    private void firstSync(GitOps gitops, Application app, FakeCluster cluster) {
        narrator.step(1, "First sync: the cluster is empty, Git has four resources");
        ReconcileResult result = report(gitops.reconcile(app));
        narrator.check(result.status() == SyncStatus.SYNCED, "the application is Synced", "it is " + result.status().displayName());
        narrator.check(replicas(cluster).equals(Optional.of(2)), "guestbook-ui runs with 2 replicas",
                "it has " + describe(replicas(cluster)));
    }

    private String newCommit(GitOps gitops, Application app, FakeCluster cluster, LocalRepository repo) {
        narrator.step(2, "A new commit in Git: scale guestbook-ui from 2 to 4 replicas");
        String sha = repo.write(DEPLOYMENT_FILE, repo.read(DEPLOYMENT_FILE).replace("replicas: 2", "replicas: 4"))
                .commit("scale guestbook-ui to 4 replicas");
        narrator.say("Committed " + shortSha(sha) + " \"scale guestbook-ui to 4 replicas\"");
        ReconcileResult result = report(gitops.reconcile(app));
        narrator.check(result.revision().equals(sha), "the new commit was picked up", "the revision is " + result.revision());
        narrator.check(replicas(cluster).equals(Optional.of(4)), "guestbook-ui runs with 4 replicas",
                "it has " + describe(replicas(cluster)));
        return sha;
    }

    private void selfHeal(GitOps gitops, Application app, FakeCluster cluster) {
        narrator.step(3, "Someone edits the live Deployment by hand: replicas 4 -> 1");
        ObjectNode live = cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui").orElseThrow();
        ((ObjectNode) live.get("spec")).put("replicas", 1);
        cluster.update(live);
        narrator.say("The cluster now runs " + describe(replicas(cluster)) + "; Git still says 4");
        ReconcileResult result = report(gitops.reconcile(app));
        narrator.check(result.decision().startsWith("self-heal"), "self-heal noticed the drift", "the decision was: " + result.decision());
        narrator.check(replicas(cluster).equals(Optional.of(4)), "guestbook-ui is back to 4 replicas",
                "it has " + describe(replicas(cluster)));
    }

    private void prune(GitOps gitops, Application app, FakeCluster cluster, LocalRepository repo) {
        narrator.step(4, "A file is removed from Git: configmap.yaml");
        String sha = repo.delete(APP_PATH + "/configmap.yaml").commit("remove the guestbook settings");
        narrator.say("Committed " + shortSha(sha) + " \"remove the guestbook settings\"");
        report(gitops.reconcile(app));
        boolean gone = cluster.get("v1", "ConfigMap", "guestbook", "guestbook-settings").isEmpty();
        narrator.check(gone, "the ConfigMap guestbook-settings was pruned", "it is still there");
    }

    private void rollBack(GitOps gitops, Application app, FakeCluster cluster, LocalRepository repo, String scaleUp) {
        narrator.step(5, "git revert " + shortSha(scaleUp) + ": roll the scale-up back");
        String sha = repo.revert(scaleUp);
        narrator.say("Committed " + shortSha(sha) + " (revert of \"scale guestbook-ui to 4 replicas\")");
        ReconcileResult result = report(gitops.reconcile(app));
        narrator.check(replicas(cluster).equals(Optional.of(2)), "guestbook-ui runs with 2 replicas again",
                "it has " + describe(replicas(cluster)));
        narrator.check(result.status() == SyncStatus.SYNCED, "the application is Synced", "it is " + result.status().displayName());
    }

    private ReconcileResult report(ReconcileResult result) {
        narrator.say("Reconcile at " + shortSha(result.revision()) + ": " + Narrator.status(result.before().status(),
                result.before().resources()));
        narrator.say("Decision: " + result.decision());
        if (result.sync().isPresent()) {
            SyncResult sync = result.sync().get();
            narrator.say("Sync: " + Narrator.changes(sync.resources()));
            narrator.say("Now: " + Narrator.status(result.status(), result.after().resources()));
        }
        return result;
    }

    private static Optional<Integer> replicas(FakeCluster cluster) {
        return cluster.get("apps/v1", "Deployment", "guestbook", "guestbook-ui")
                .map(d -> d.at("/spec/replicas").asInt());
    }

    private static String describe(Optional<Integer> replicas) {
        return replicas.map(r -> r + " replica" + (r == 1 ? "" : "s")).orElse("no Deployment");
    }

    private static String shortSha(String sha) {
        return sha.substring(0, 7);
    }

    private static void copySampleApp(LocalRepository repo) {
        for (String file : resource("files.txt").split("\n")) {
            if (!file.isBlank()) {
                repo.write(file.trim(), resource(file.trim()));
            }
        }
    }

    private static String resource(String name) {
        String path = "demo/" + name;
        try (InputStream in = Objects.requireNonNull(Demo.class.getResourceAsStream(path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
