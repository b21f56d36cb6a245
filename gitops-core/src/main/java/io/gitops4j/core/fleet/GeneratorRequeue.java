package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.core.appset.ApplicationSet;
import io.gitops4j.core.webhook.PushEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When an ApplicationSet is generated again without being changed, as Argo CD's ApplicationSet
 * controller decides it: the shortest {@code requeueAfterSeconds} of its generators; a
 * {@code git} generator without one every {@code gitDefault} (Argo CD: 3 minutes); {@code list}
 * and {@code clusters} generators never (their input changes only with the set or the cluster
 * list); a {@code matrix} or {@code merge} as the shortest of its children. Also which
 * repositories its {@code git} generators read, so a push to one regenerates it.
 */
final class GeneratorRequeue {

    private GeneratorRequeue() {
    }

    /** How long until the set is generated again, or empty for never. */
    static Optional<Duration> of(ApplicationSet set, Duration gitDefault) {
        Optional<Duration> shortest = Optional.empty();
        for (JsonNode entry : set.generators()) {
            shortest = shorter(shortest, entry(entry, gitDefault));
        }
        return shortest;
    }

    private static Optional<Duration> entry(JsonNode entry, Duration gitDefault) {
        Optional<Duration> shortest = Optional.empty();
        var names = entry.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode spec = entry.path(name);
            JsonNode seconds = spec.path("requeueAfterSeconds");
            if (seconds.canConvertToLong() && seconds.asLong() > 0) {
                shortest = shorter(shortest, Optional.of(Duration.ofSeconds(seconds.asLong())));
            } else if (name.equals("git")) {
                shortest = shorter(shortest, Optional.of(gitDefault));
            }
            if (name.equals("matrix") || name.equals("merge")) {
                for (JsonNode child : spec.path("generators")) {
                    shortest = shorter(shortest, entry(child, gitDefault));
                }
            }
        }
        return shortest;
    }

    private static Optional<Duration> shorter(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.filter(d -> d.compareTo(a.get()) < 0).or(() -> a);
    }

    /**
     * A {@code git} generator's repository and revision.
     *
     * @param repoURL its {@code repoURL}
     * @param revision its {@code revision}, empty when absent
     */
    record GitGeneratorRef(String repoURL, String revision) {

        /**
         * Argo CD's {@code genRevisionHasChanged}, without the default branch: {@code HEAD} or no
         * revision matches every push; otherwise the pushed revision must be the generator's, with or
         * without its {@code refs/heads/} or {@code refs/tags/}.
         */
        boolean revisionMatches(String pushed) {
            String target = revision.startsWith("refs/") ? PushEvent.revisionOf(revision) : revision;
            return pushed.isEmpty() || target.isEmpty() || target.equals("HEAD") || target.equals(pushed)
                    || revision.equals(pushed);
        }
    }

    /** Every {@code git} generator of the set, in {@code matrix} and {@code merge} children too. */
    static List<GitGeneratorRef> gitGenerators(ApplicationSet set) {
        List<GitGeneratorRef> found = new ArrayList<>();
        set.generators().forEach(entry -> gitGenerators(entry, found));
        return found;
    }

    private static void gitGenerators(JsonNode entry, List<GitGeneratorRef> found) {
        JsonNode git = entry.path("git");
        if (git.isObject() && git.path("repoURL").isTextual()) {
            found.add(new GitGeneratorRef(git.path("repoURL").asText(), git.path("revision").asText("")));
        }
        for (String combined : List.of("matrix", "merge")) {
            entry.path(combined).path("generators").forEach(child -> gitGenerators(child, found));
        }
    }

    /** Whether the set has a {@code clusters} generator, in {@code matrix} and {@code merge} children too. */
    static boolean usesClusters(ApplicationSet set) {
        for (JsonNode entry : set.generators()) {
            if (usesClusters(entry)) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesClusters(JsonNode entry) {
        if (entry.path("clusters").isObject()) {
            return true;
        }
        for (String combined : List.of("matrix", "merge")) {
            for (JsonNode child : entry.path(combined).path("generators")) {
                if (usesClusters(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The {@code repoURL} of every {@code git} generator of the set, nested ones included. */
    static List<String> repositories(ApplicationSet set) {
        List<String> urls = new ArrayList<>();
        set.generators().forEach(entry -> collect(entry, urls));
        return urls;
    }

    private static void collect(JsonNode node, List<String> urls) {
        if (!node.isContainerNode()) {
            return;
        }
        JsonNode git = node.path("git");
        if (git.isObject() && git.path("repoURL").isTextual()) {
            urls.add(git.path("repoURL").asText());
        }
        node.forEach(child -> collect(child, urls));
    }
}
