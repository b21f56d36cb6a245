package io.gitops4j.cli;

import io.gitops4j.kube.ResourceKey;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.ResourceState;
import io.gitops4j.k8s.sync.SyncStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Tells the demo's story in plain words and keeps count of the checks that failed. */
final class Narrator {

    private final PrintWriter out;
    private int failedChecks;

    Narrator(PrintWriter out) {
        this.out = out;
    }

    void title(String text) {
        out.println(text);
        out.println();
    }

    void step(int number, String title) {
        out.println();
        out.println("Step " + number + ". " + title);
    }

    void blankLine() {
        out.println();
    }

    void say(String text) {
        out.println("  " + text);
        out.flush();
    }

    /** Prints a check's outcome: {@code [ok]} when it held, {@code [FAILED]} with what was found otherwise. */
    void check(boolean held, String expectation, String found) {
        if (held) {
            say("[ok] " + expectation);
        } else {
            failedChecks++;
            say("[FAILED] " + expectation + ", but " + found);
        }
    }

    int failedChecks() {
        return failedChecks;
    }

    /**
     * "Synced", "OutOfSync (Deployment guestbook-ui: OutOfSync)" when a few resources differ,
     * "OutOfSync (4 Missing)" when more do.
     */
    static String status(SyncStatus overall, List<ResourceState> resources) {
        List<ResourceState> different = resources.stream().filter(r -> r.status() != SyncStatus.SYNCED).toList();
        if (different.isEmpty()) {
            return overall.displayName();
        }
        if (different.size() <= 2) {
            return overall.displayName() + " (" + different.stream()
                    .map(r -> describe(r.key()) + ": " + r.status().displayName())
                    .collect(Collectors.joining(", ")) + ")";
        }
        Map<String, Long> counts = new TreeMap<>(different.stream()
                .collect(Collectors.groupingBy(r -> r.status().displayName(), Collectors.counting())));
        return overall.displayName() + " (" + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")";
    }

    /** "created Namespace guestbook, configured Deployment guestbook-ui". */
    static String changes(List<ResourceResult> results) {
        String changes = results.stream()
                .filter(r -> r.action() != ResourceAction.UNCHANGED)
                .map(r -> r.action().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + describe(r.key()))
                .collect(Collectors.joining(", "));
        return changes.isEmpty() ? "nothing changed" : changes;
    }

    static String describe(ResourceKey key) {
        return key.kind() + " " + key.name();
    }
}
