package io.gitops4j.core.project;

import io.gitops4j.core.project.internal.GitUrlNormalizer;
import io.gitops4j.core.project.internal.GlobSyntaxException;
import io.gitops4j.core.project.internal.GoFilepathPattern;
import io.gitops4j.core.project.internal.GoGlob;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An Argo CD {@code argoproj.io/v1alpha1} AppProject: what the applications of a project may
 * deploy, from where, to where and when. {@link AppProjects} reads one from YAML;
 * {@link ProjectPolicy} judges applications and their resources against it.
 *
 * <p>The rules, as Argo CD applies them:
 * <ul>
 *   <li>{@code sourceRepos}: globs over repository URLs (both sides normalized as Argo CD does;
 *       {@code *} does not cross a {@code /}, {@code **} does); an entry starting with {@code !}
 *       denies what it matches and wins over any allowing entry; nothing matching means denied.</li>
 *   <li>{@code destinations}: a cluster by server or name, and a namespace; globs, {@code !}
 *       denies; an application needs one entry matching both its cluster and its namespace, and
 *       none denying it.</li>
 *   <li>{@code clusterResourceWhitelist}: cluster-scoped kinds permitted (none when absent or
 *       empty); {@code clusterResourceBlacklist}: cluster-scoped kinds denied even so.</li>
 *   <li>{@code namespaceResourceWhitelist}: namespaced kinds permitted (every kind when absent,
 *       none when an empty list); {@code namespaceResourceBlacklist}: denied even so.</li>
 *   <li>{@code sourceNamespaces}: the namespaces other than the controller's whose Application
 *       objects may use this project (globs, or {@code /regex/}).</li>
 *   <li>{@code syncWindows}: when syncs may run ({@link SyncWindow}).</li>
 * </ul>
 * Every pattern is checked when the project is made: a malformed one is refused (Argo CD would
 * let it match nothing, and a negated one everything).
 *
 * @param name the project name ({@code metadata.name})
 * @param description free text
 * @param sourceRepos repository URL globs
 * @param destinations permitted (and with {@code !} denied) destinations
 * @param clusterResourceWhitelist permitted cluster-scoped kinds
 * @param clusterResourceBlacklist denied cluster-scoped kinds
 * @param namespaceResourceWhitelist permitted namespaced kinds; empty (no list) permits every kind
 * @param namespaceResourceBlacklist denied namespaced kinds
 * @param sourceNamespaces namespaces whose Application objects may use the project
 * @param syncWindows when syncs may run
 * @param permitOnlyProjectScopedClusters whether destinations must also be clusters scoped to
 *     this project
 */
public record AppProject(String name, String description, List<String> sourceRepos, List<ProjectDestination> destinations,
        List<ResourceRule> clusterResourceWhitelist, List<ResourceRule> clusterResourceBlacklist,
        Optional<List<ResourceRule>> namespaceResourceWhitelist, List<ResourceRule> namespaceResourceBlacklist,
        List<String> sourceNamespaces, List<SyncWindow> syncWindows, boolean permitOnlyProjectScopedClusters) {

    /** The name of the project applications without one belong to. */
    public static final String DEFAULT = "default";

    /**
     * Copies the lists (missing ones become empty), and checks the project as Argo CD validates an
     * AppProject.
     *
     * @param name the project name ({@code metadata.name})
     * @param description free text
     * @param sourceRepos repository URL globs
     * @param destinations permitted (and with {@code !} denied) destinations
     * @param clusterResourceWhitelist permitted cluster-scoped kinds
     * @param clusterResourceBlacklist denied cluster-scoped kinds
     * @param namespaceResourceWhitelist permitted namespaced kinds; empty (no list) permits every kind
     * @param namespaceResourceBlacklist denied namespaced kinds
     * @param sourceNamespaces namespaces whose Application objects may use the project
     * @param syncWindows when syncs may run
     * @param permitOnlyProjectScopedClusters whether destinations must also be clusters scoped to this
     *     project
     * @throws IllegalArgumentException when the name is blank, or a repository, destination, source
     *     namespace, resource pattern or sync window is malformed
     */
    public AppProject {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a project needs a name");
        }
        description = description == null ? "" : description;
        sourceRepos = copy(sourceRepos);
        destinations = copy(destinations);
        clusterResourceWhitelist = copy(clusterResourceWhitelist);
        clusterResourceBlacklist = copy(clusterResourceBlacklist);
        namespaceResourceWhitelist = namespaceResourceWhitelist == null ? Optional.empty()
                : namespaceResourceWhitelist.map(List::copyOf);
        namespaceResourceBlacklist = copy(namespaceResourceBlacklist);
        sourceNamespaces = copy(sourceNamespaces);
        syncWindows = copy(syncWindows);
        validate(sourceRepos, destinations, sourceNamespaces, syncWindows);
        requirePatterns("clusterResourceWhitelist", clusterResourceWhitelist);
        requirePatterns("clusterResourceBlacklist", clusterResourceBlacklist);
        requirePatterns("namespaceResourceWhitelist", namespaceResourceWhitelist.orElse(List.of()));
        requirePatterns("namespaceResourceBlacklist", namespaceResourceBlacklist);
    }

    /**
     * {@return Argo CD's {@code default} project as Argo CD creates it: every repository, every
     * destination, every cluster-scoped and namespaced kind, no windows}
     */
    public static AppProject defaultProject() {
        return new AppProject(DEFAULT, "", List.of("*"), List.of(ProjectDestination.server("*", "*")),
                List.of(ResourceRule.of("*", "*")), List.of(), Optional.empty(), List.of(), List.of(), List.of(), false);
    }

    /**
     * A project that permits nothing until its lists are filled; start from it with the {@code with}
     * methods.
     *
     * @param name the project's {@code metadata.name}
     * @return a project with no repositories, destinations or resources
     */
    public static AppProject named(String name) {
        return new AppProject(name, "", List.of(), List.of(), List.of(), List.of(), Optional.empty(), List.of(), List.of(),
                List.of(), false);
    }

    /**
     * This project with other {@code sourceRepos}.
     *
     * @param repos the repository URLs or globs; {@code *} for any
     * @return a copy of this project with {@code repos}
     */
    public AppProject withSourceRepos(List<String> repos) {
        return new AppProject(name, description, repos, destinations, clusterResourceWhitelist, clusterResourceBlacklist,
                namespaceResourceWhitelist, namespaceResourceBlacklist, sourceNamespaces, syncWindows,
                permitOnlyProjectScopedClusters);
    }

    /**
     * This project with other {@code destinations}.
     *
     * @param list the permitted destinations
     * @return a copy of this project with {@code list}
     */
    public AppProject withDestinations(List<ProjectDestination> list) {
        return new AppProject(name, description, sourceRepos, list, clusterResourceWhitelist, clusterResourceBlacklist,
                namespaceResourceWhitelist, namespaceResourceBlacklist, sourceNamespaces, syncWindows,
                permitOnlyProjectScopedClusters);
    }

    /**
     * This project with other cluster resource white- and blacklists.
     *
     * @param whitelist the permitted cluster-scoped kinds; empty permits none
     * @param blacklist the denied cluster-scoped kinds
     * @return a copy of this project with both lists
     */
    public AppProject withClusterResources(List<ResourceRule> whitelist, List<ResourceRule> blacklist) {
        return new AppProject(name, description, sourceRepos, destinations, whitelist, blacklist,
                namespaceResourceWhitelist, namespaceResourceBlacklist, sourceNamespaces, syncWindows,
                permitOnlyProjectScopedClusters);
    }

    /**
     * This project with other namespaced resource white- (empty: no whitelist) and blacklists.
     *
     * @param whitelist the permitted namespaced kinds; empty when there is no whitelist and every kind is
     *     permitted
     * @param blacklist the denied namespaced kinds
     * @return a copy of this project with both lists
     */
    public AppProject withNamespaceResources(Optional<List<ResourceRule>> whitelist, List<ResourceRule> blacklist) {
        return new AppProject(name, description, sourceRepos, destinations, clusterResourceWhitelist,
                clusterResourceBlacklist, whitelist, blacklist, sourceNamespaces, syncWindows,
                permitOnlyProjectScopedClusters);
    }

    /**
     * This project with other {@code sourceNamespaces}.
     *
     * @param namespaces the namespaces or globs whose Application objects may use the project
     * @return a copy of this project with {@code namespaces}
     */
    public AppProject withSourceNamespaces(List<String> namespaces) {
        return new AppProject(name, description, sourceRepos, destinations, clusterResourceWhitelist,
                clusterResourceBlacklist, namespaceResourceWhitelist, namespaceResourceBlacklist, namespaces, syncWindows,
                permitOnlyProjectScopedClusters);
    }

    /**
     * This project with other {@code syncWindows}.
     *
     * @param windows the sync windows
     * @return a copy of this project with {@code windows}
     */
    public AppProject withSyncWindows(List<SyncWindow> windows) {
        return new AppProject(name, description, sourceRepos, destinations, clusterResourceWhitelist,
                clusterResourceBlacklist, namespaceResourceWhitelist, namespaceResourceBlacklist, sourceNamespaces, windows,
                permitOnlyProjectScopedClusters);
    }

    /**
     * This project with {@code permitOnlyProjectScopedClusters} set.
     *
     * @param only {@code true} to permit only clusters scoped to this project
     * @return a copy of this project with the setting
     */
    public AppProject withPermitOnlyProjectScopedClusters(boolean only) {
        return new AppProject(name, description, sourceRepos, destinations, clusterResourceWhitelist,
                clusterResourceBlacklist, namespaceResourceWhitelist, namespaceResourceBlacklist, sourceNamespaces,
                syncWindows, only);
    }

    /** Argo CD's {@code ValidateProject} rules for these lists, and every glob compiled. */
    private static void validate(List<String> sourceRepos, List<ProjectDestination> destinations,
            List<String> sourceNamespaces, List<SyncWindow> syncWindows) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < destinations.size(); i++) {
            ProjectDestination d = destinations.get(i);
            String where = "destinations[" + i + "]";
            for (String[] part : new String[][] {{"name", d.name()}, {"server", d.server()}, {"namespace", d.namespace()}}) {
                if (part[1].equals("!*")) {
                    throw new IllegalArgumentException(where + "." + part[0] + " has an invalid format, '!*' (it would deny every "
                            + part[0] + ")");
                }
                requireGlob(where + "." + part[0], part[1]);
            }
            if (!keys.add(d.key())) {
                throw new IllegalArgumentException(where + ": destination '" + d.key() + "' already added");
            }
        }
        Set<String> namespaces = new HashSet<>();
        for (String namespace : sourceNamespaces) {
            if (!namespaces.add(namespace)) {
                throw new IllegalArgumentException("sourceNamespaces: source namespace '" + namespace + "' already added");
            }
        }
        Set<String> repos = new HashSet<>();
        for (int i = 0; i < sourceRepos.size(); i++) {
            String repo = sourceRepos.get(i);
            if (repo.equals("!*")) {
                throw new IllegalArgumentException("sourceRepos[" + i + "]: source repository has an invalid format, '!*'");
            }
            if (!repos.add(repo)) {
                throw new IllegalArgumentException("sourceRepos[" + i + "]: source repository '" + repo + "' already added");
            }
            String body = repo.startsWith("!") ? repo.substring(1) : repo;
            requireGlob("sourceRepos[" + i + "] '" + repo + "'", body);
            requireGlob("sourceRepos[" + i + "] '" + repo + "' once normalized as a repository URL",
                    GitUrlNormalizer.normalize(body));
        }
        Set<SyncWindow> windows = new HashSet<>();
        for (int i = 0; i < syncWindows.size(); i++) {
            SyncWindow w = syncWindows.get(i);
            SyncWindow identity = new SyncWindow(w.kind(), w.schedule(), w.duration(), w.applications(), w.namespaces(),
                    w.clusters(), false, w.timeZone(), w.andOperator(), "", false);
            if (!windows.add(identity)) {
                throw new IllegalArgumentException("syncWindows[" + i + "]: sync window with kind '" + w.kind().yaml()
                        + "', schedule '" + w.schedule() + "', and duration '" + w.duration() + "' already exists");
            }
        }
    }

    private static void requireGlob(String field, String pattern) {
        String body = pattern.startsWith("!") ? pattern.substring(1) : pattern;
        try {
            GoGlob.compile(body);
        } catch (GlobSyntaxException e) {
            throw new IllegalArgumentException(field + ": '" + pattern + "' is not a valid glob: " + e.getMessage());
        }
    }

    private static void requirePatterns(String list, List<ResourceRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            for (String pattern : List.of(rules.get(i).group(), rules.get(i).kind(), rules.get(i).name())) {
                try {
                    GoFilepathPattern.compile(pattern);
                } catch (GlobSyntaxException e) {
                    throw new IllegalArgumentException(list + "[" + i + "] " + rules.get(i) + ": '" + pattern
                            + "' is not a valid pattern: " + e.getMessage());
                }
            }
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
