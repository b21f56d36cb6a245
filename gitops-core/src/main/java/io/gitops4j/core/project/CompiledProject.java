package io.gitops4j.core.project;

import io.gitops4j.core.project.internal.BoundedRegex;
import io.gitops4j.core.project.internal.GitUrlNormalizer;
import io.gitops4j.core.project.internal.GoFilepathPattern;
import io.gitops4j.core.project.internal.GoGlob;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A project's permission rules as Argo CD evaluates them ({@code IsSourcePermitted},
 * {@code IsDestinationPermitted}, {@code IsGroupKindNamePermitted}, {@code IsAppNamespacePermitted}),
 * each answering also which entry decided, so that a verdict can name it. Compiled patterns are
 * kept per instance; safe for concurrent use.
 */
final class CompiledProject {

    /** An answer and the index of the entry that decided it, or -1 when no entry did. */
    record Decision(boolean permitted, int index) {
    }

    private final AppProject project;
    private final Map<String, Optional<GoGlob>> globs = new ConcurrentHashMap<>();

    CompiledProject(AppProject project) {
        this.project = project;
    }

    AppProject project() {
        return project;
    }

    /**
     * Argo CD's {@code IsSourcePermitted}: a denying entry that excludes the URL wins; else any
     * match permits. One departure: the user part of an http(s) URL is left out on both sides.
     */
    Decision sourcePermitted(String repoURL) {
        String source = GitUrlNormalizer.normalize(GitUrlNormalizer.withoutHttpUserinfo(repoURL));
        int matchedAt = -1;
        List<String> repos = project.sourceRepos();
        for (int i = 0; i < repos.size(); i++) {
            String entry = GitUrlNormalizer.withoutHttpUserinfo(repos.get(i));
            String normalized = entry.startsWith("!") ? "!" + GitUrlNormalizer.normalize(entry.substring(1))
                    : GitUrlNormalizer.normalize(entry);
            boolean matched = globMatch(normalized, source, true, '/');
            if (matched) {
                matchedAt = matchedAt < 0 ? i : matchedAt;
            } else if (normalized.startsWith("!")) {
                return new Decision(false, i);
            }
        }
        return new Decision(matchedAt >= 0, matchedAt);
    }

    /** Argo CD's {@code isDestinationMatched}, with its precedence of denying entries kept exactly. */
    Decision destinationMatched(DestinationCluster cluster, String namespace) {
        int matchedAt = -1;
        List<ProjectDestination> destinations = project.destinations();
        for (int i = 0; i < destinations.size(); i++) {
            ProjectDestination item = destinations.get(i);
            boolean nameMatched = !cluster.name().isEmpty() && globMatch(item.name(), cluster.name(), true);
            boolean serverMatched = !cluster.server().isEmpty() && globMatch(item.server(), cluster.server(), true);
            boolean namespaceMatched = globMatch(item.namespace(), namespace, true);
            if ((serverMatched || nameMatched) && namespaceMatched) {
                matchedAt = matchedAt < 0 ? i : matchedAt;
            } else if (!nameMatched && isDeny(item.name())
                    || !serverMatched && isDeny(item.server()) && namespaceMatched) {
                return new Decision(false, i);
            } else if (!namespaceMatched && isDeny(item.namespace()) && serverMatched) {
                return new Decision(false, i);
            }
        }
        return new Decision(matchedAt >= 0, matchedAt);
    }

    /**
     * Argo CD's {@code IsGroupKindNamePermitted}. The index is that of the blacklist entry that
     * denied, or -1 when the whitelist did not permit.
     */
    Decision groupKindPermitted(String group, String kind, String name, boolean namespaced) {
        if (namespaced) {
            Optional<List<ResourceRule>> whitelist = project.namespaceResourceWhitelist();
            boolean whitelisted = whitelist.isEmpty() || !whitelist.get().isEmpty() && inList(whitelist.get(), group, kind,
                    "", false) >= 0;
            int blacklisted = inList(project.namespaceResourceBlacklist(), group, kind, "", false);
            return new Decision(whitelisted && blacklisted < 0, blacklisted);
        }
        boolean whitelisted = inList(project.clusterResourceWhitelist(), group, kind, name, true) >= 0;
        int blacklisted = inList(project.clusterResourceBlacklist(), group, kind, name, true);
        return new Decision(whitelisted && blacklisted < 0, blacklisted);
    }

    /**
     * Argo CD's {@code IsAppNamespacePermitted}: an Application object in the controller's
     * namespace (or in none) may always use its project; one elsewhere only where
     * {@code sourceNamespaces} has a glob or {@code /regex/} matching its namespace.
     */
    boolean appNamespacePermitted(String appNamespace, String controllerNamespace) {
        if (appNamespace.isEmpty() || appNamespace.equals(controllerNamespace)) {
            return true;
        }
        for (String entry : project.sourceNamespaces()) {
            if (entry.length() >= 2 && entry.startsWith("/") && entry.endsWith("/")
                    && BoundedRegex.compile(entry.substring(1, entry.length() - 1))
                            .map(p -> BoundedRegex.find(p, appNamespace)).orElse(false)) {
                return true;
            }
            if (glob(entry).map(g -> g.matches(appNamespace)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Argo CD's {@code globMatch}: {@code !} negates when allowed, {@code *} matches everything. */
    boolean globMatch(String pattern, String value, boolean allowNegation, int... separators) {
        if (allowNegation && isDeny(pattern)) {
            return !glob(pattern.substring(1), separators).map(g -> g.matches(value)).orElse(false);
        }
        if (pattern.equals("*")) {
            return true;
        }
        return glob(pattern, separators).map(g -> g.matches(value)).orElse(false);
    }

    private Optional<GoGlob> glob(String pattern, int... separators) {
        String key = pattern + "\u0000" + (separators.length == 0 ? "" : String.valueOf((char) separators[0]));
        return globs.computeIfAbsent(key, k -> GoGlob.tryCompile(pattern, separators));
    }

    private static boolean isDeny(String pattern) {
        return pattern.startsWith("!");
    }

    /** The first entry whose kind, group (and name, where named) match, or -1. */
    private static int inList(List<ResourceRule> rules, String group, String kind, String name, boolean named) {
        for (int i = 0; i < rules.size(); i++) {
            ResourceRule rule = rules.get(i);
            if (GoFilepathPattern.compile(rule.kind()).matches(kind) && GoFilepathPattern.compile(rule.group()).matches(group)
                    && (!named || rule.name().isEmpty() || GoFilepathPattern.compile(rule.name()).matches(name))) {
                return i;
            }
        }
        return -1;
    }
}
