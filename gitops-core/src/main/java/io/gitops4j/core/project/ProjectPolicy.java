package io.gitops4j.core.project;

import io.gitops4j.core.model.Application;
import io.gitops4j.kube.Redaction;
import io.gitops4j.kube.ResourceKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Judges applications against their AppProjects, as Argo CD's application controller does before
 * it syncs: the project must exist, the Application object's namespace may use it
 * ({@code sourceNamespaces}), its repository ({@code sourceRepos}) and destination
 * ({@code destinations}) are permitted, every resource's kind (the resource white- and
 * blacklists) and namespace are permitted, and no sync window blocks the sync now. Each check
 * answers a {@link PolicyVerdict} naming the project and the rule; the engine turns a blocked one
 * into a condition and applies and prunes nothing.
 *
 * <pre>{@code
 * ProjectPolicy policy = ProjectPolicy.builder(clock)
 *         .projects(AppProjects.read(Path.of("projects.yaml")))
 *         .build();
 * PolicyVerdict verdict = policy.checkSync(app, DestinationCluster.IN_CLUSTER, SyncTrigger.AUTOMATED,
 *         Optional.empty(), desiredKeys, clusterScope::isNamespaced);
 * if (verdict.blocked()) { ... condition verdict.conditionType(): verdict.message() ... }
 * }</pre>
 *
 * <p>Argo CD's {@code default} project (every repository, destination and kind) is there unless
 * a project named {@code default} is given. Time comes from the injected clock only. Immutable and
 * safe for concurrent use.
 */
public final class ProjectPolicy {

    private final Map<String, CompiledProject> projects;
    private final Map<String, String> invalidProjects;
    private final Clock clock;
    private final String controllerNamespace;
    private final ProjectScopedClusters scopedClusters;

    private ProjectPolicy(Builder builder) {
        Map<String, CompiledProject> compiled = new LinkedHashMap<>();
        compiled.put(AppProject.DEFAULT, new CompiledProject(AppProject.defaultProject()));
        builder.projects.forEach((name, project) -> compiled.put(name, new CompiledProject(project)));
        this.projects = Map.copyOf(compiled);
        this.invalidProjects = Map.copyOf(builder.invalidProjects);
        this.clock = builder.clock;
        this.controllerNamespace = builder.controllerNamespace;
        this.scopedClusters = builder.scopedClusters;
    }

    /**
     * Starts a policy whose sync windows are judged on {@code clock}.
     *
     * @param clock the clock sync windows are judged on
     * @return a new builder, with Argo CD's {@code default} project
     */
    public static Builder builder(Clock clock) {
        return new Builder(clock);
    }

    /**
     * The project of that name, if known ({@code default} always is, unless replaced by an invalid one).
     *
     * @param name the project's name
     * @return the project; empty when unknown or invalid
     */
    public Optional<AppProject> project(String name) {
        return invalidProjects.containsKey(name) ? Optional.empty()
                : Optional.ofNullable(projects.get(name)).map(CompiledProject::project);
    }

    /**
     * Everything checked before a sync, in Argo CD's order: the application
     * ({@link #checkApplication}), its resources ({@link #checkResources}), then the sync windows
     * ({@link #checkSyncWindows}). The first blocked verdict is returned.
     *
     * @param app the application to sync
     * @param cluster the destination cluster as the engine resolved it (server and name)
     * @param trigger whether the sync is automated or manual, for the windows' {@code manualSync}
     * @param operationStartedAt when the sync being continued started, for {@code syncOverrun}; empty for a
     *     new sync
     * @param resources the keys of the objects the sync would apply, namespaced ones with their
     *     effective namespace
     * @param namespaced whether a key's kind is namespaced (from the cluster's discovery)
     * @return the first blocking verdict, or a permitting one
     */
    public PolicyVerdict checkSync(Application app, DestinationCluster cluster, SyncTrigger trigger,
            Optional<Instant> operationStartedAt, Collection<ResourceKey> resources, Predicate<ResourceKey> namespaced) {
        PolicyVerdict verdict = checkApplication(app, "", cluster);
        if (verdict.permitted()) {
            verdict = checkResources(app, cluster, resources, namespaced);
        }
        if (verdict.permitted()) {
            verdict = checkSyncWindows(app, trigger, operationStartedAt);
        }
        return verdict;
    }

    /**
     * Argo CD's checks of an application's spec against its project ({@code InvalidSpecError}
     * conditions): the project exists and is valid, the Application object's namespace may use
     * it, its repository and its destination are permitted.
     *
     * @param app the application
     * @param applicationNamespace the namespace of the Application object (controller mode), or
     *     empty when it has none (embedded) or lives in the controller's namespace
     * @param cluster the destination cluster as the engine resolved it
     * @return the first blocking verdict, or a permitting one
     */
    public PolicyVerdict checkApplication(Application app, String applicationNamespace, DestinationCluster cluster) {
        String name = app.project();
        Optional<PolicyVerdict> missing = missingProject(name);
        if (missing.isPresent()) {
            return missing.get();
        }
        CompiledProject project = projects.get(name);
        if (!project.appNamespacePermitted(applicationNamespace, controllerNamespace)) {
            return PolicyVerdict.block(name, PolicyVerdict.Reason.SOURCE_NAMESPACE, "sourceNamespaces "
                    + project.project().sourceNamespaces(), "application '" + app.name() + "' in namespace '"
                    + applicationNamespace + "' is not permitted to use project '" + name + "' (sourceNamespaces "
                    + project.project().sourceNamespaces() + ")");
        }
        for (var appSource : app.allSources()) {   // every source of spec.sources, as Argo CD checks each
            String repoURL = appSource.repoURL();
            CompiledProject.Decision source = project.sourcePermitted(repoURL);
            if (!source.permitted()) {
                String rule = source.index() >= 0 ? "sourceRepos[" + source.index() + "] '"
                        + Redaction.url(project.project().sourceRepos().get(source.index())) + "'" : "sourceRepos";
                return PolicyVerdict.block(name, PolicyVerdict.Reason.SOURCE_REPO, rule, "application repo "
                        + Redaction.url(repoURL) + " is not permitted in project '" + name + "' ("
                        + (source.index() >= 0 ? rule + " denies it" : "no entry of sourceRepos matches it") + ")");
            }
        }
        String namespace = app.destination().namespace();
        CompiledProject.Decision destination = destinationPermitted(project, cluster, namespace);
        if (!destination.permitted()) {
            String rule = destination.index() >= 0 ? "destinations[" + destination.index() + "] "
                    + project.project().destinations().get(destination.index()) : "destinations";
            return PolicyVerdict.block(name, PolicyVerdict.Reason.DESTINATION, rule, "application destination server '"
                    + Redaction.url(cluster.server()) + "'" + (cluster.name().isEmpty() ? "" : " (cluster '" + cluster.name()
                    + "')") + " and namespace '" + namespace + "' do not match any of the allowed destinations in project '"
                    + name + "' (" + (destination.index() >= 0 ? rule + " denies it" : "no entry of destinations matches it")
                    + ")");
        }
        return PolicyVerdict.permit(name);
    }

    /**
     * Argo CD's per-resource check at sync time: each object's group and kind must be permitted
     * (cluster-scoped ones by {@code clusterResourceWhitelist}/{@code Blacklist}, with their
     * names; namespaced ones by {@code namespaceResourceWhitelist}/{@code Blacklist}) and each
     * namespaced object's namespace must be a permitted destination namespace on the cluster.
     *
     * @param app the application
     * @param cluster the destination cluster as the engine resolved it
     * @param resources the keys of the objects the sync would apply, namespaced ones with their effective
     *     namespace
     * @param namespaced whether a key's kind is namespaced (from the cluster's discovery)
     * @return the first blocking verdict, or a permitting one
     */
    public PolicyVerdict checkResources(Application app, DestinationCluster cluster, Collection<ResourceKey> resources,
            Predicate<ResourceKey> namespaced) {
        String name = app.project();
        Optional<PolicyVerdict> missing = missingProject(name);
        if (missing.isPresent()) {
            return missing.get();
        }
        CompiledProject project = projects.get(name);
        for (ResourceKey key : resources) {
            boolean isNamespaced = namespaced.test(key);
            CompiledProject.Decision kind = project.groupKindPermitted(key.group(), key.kind(), key.name(), isNamespaced);
            if (!kind.permitted()) {
                String list = isNamespaced ? "namespaceResource" : "clusterResource";
                String rule = kind.index() >= 0 ? list + "Blacklist[" + kind.index() + "] "
                        + (isNamespaced ? project.project().namespaceResourceBlacklist()
                                : project.project().clusterResourceBlacklist()).get(kind.index())
                        : list + "Whitelist";
                return PolicyVerdict.block(name, PolicyVerdict.Reason.RESOURCE_KIND, rule, "resource " + key.group() + ":"
                        + key.kind() + " is not permitted in project " + name + " (" + describe(key) + ": "
                        + (kind.index() >= 0 ? rule + " denies it" : "not in " + rule) + ")");
            }
            if (isNamespaced) {
                CompiledProject.Decision destination = destinationPermitted(project, cluster, key.namespace());
                if (!destination.permitted()) {
                    String rule = destination.index() >= 0 ? "destinations[" + destination.index() + "] "
                            + project.project().destinations().get(destination.index()) : "destinations";
                    return PolicyVerdict.block(name, PolicyVerdict.Reason.RESOURCE_NAMESPACE, rule, "namespace "
                            + key.namespace() + " is not permitted in project '" + name + "' (" + describe(key) + ": "
                            + (destination.index() >= 0 ? rule + " denies it" : "no entry of destinations matches it") + ")");
                }
            }
        }
        return PolicyVerdict.permit(name);
    }

    /**
     * Argo CD's sync window check ({@code Matches} then {@code CanSync}) at the clock's now.
     *
     * @param app the application
     * @param trigger whether the sync is automated or manual, for the windows' {@code manualSync}
     * @param operationStartedAt when the sync being continued started, for {@code syncOverrun};
     *     empty for a new sync
     * @return a blocking verdict while a deny window is active or no allow window is, otherwise a
     *     permitting one
     */
    public PolicyVerdict checkSyncWindows(Application app, SyncTrigger trigger, Optional<Instant> operationStartedAt) {
        String name = app.project();
        Optional<PolicyVerdict> missing = missingProject(name);
        if (missing.isPresent()) {
            return missing.get();
        }
        SyncWindowRules rules = windows(projects.get(name), app);
        SyncWindowRules.Outcome outcome = rules.canSync(trigger == SyncTrigger.MANUAL, operationStartedAt);
        if (outcome.permitted()) {
            return PolicyVerdict.permit(name);
        }
        String rule = outcome.blocking().stream().map(Object::toString).collect(Collectors.joining(", "));
        String why = outcome.insideDeny() ? "inside deny window " + rule
                : "outside every allow window (" + rule + ")";
        return PolicyVerdict.block(name, PolicyVerdict.Reason.SYNC_WINDOW, rule, "Sync operation blocked by sync window: "
                + (trigger == SyncTrigger.MANUAL ? "manual" : "automated") + " sync of application '" + app.name()
                + "' is " + why + " of project '" + name + "'");
    }

    /**
     * The windows of the application's project that apply to it and are open now (for its status).
     *
     * @param app the application
     * @return the active windows, in the project's order
     */
    public List<SyncWindow> activeWindows(Application app) {
        CompiledProject project = projects.get(app.project());
        if (project == null || invalidProjects.containsKey(app.project())) {
            return List.of();
        }
        return windows(project, app).active().stream().map(SyncWindowRules.Indexed::window).toList();
    }

    /**
     * When the sync windows that apply to the application next open or close, after the clock's
     * now: the moment an engine whose sync a window held back judges again (a scheduler's timer,
     * no polling). Empty when no window applies or none will change within five years.
     *
     * @param app the application
     * @return the next instant the verdict of the windows may change
     */
    public Optional<Instant> nextWindowChange(Application app) {
        CompiledProject project = projects.get(app.project());
        if (project == null || invalidProjects.containsKey(app.project())) {
            return Optional.empty();
        }
        return windows(project, app).nextChange();
    }

    private SyncWindowRules windows(CompiledProject project, Application app) {
        return new SyncWindowRules(SyncWindowRules.matching(project, app.name(), app.destination()), clock.instant());
    }

    private CompiledProject.Decision destinationPermitted(CompiledProject project, DestinationCluster cluster,
            String namespace) {
        CompiledProject.Decision matched = project.destinationMatched(cluster, namespace);
        if (!matched.permitted() || !project.project().permitOnlyProjectScopedClusters()) {
            return matched;
        }
        boolean scoped = scopedClusters.of(project.project().name()).stream()
                .anyMatch(c -> c.name().equals(cluster.name()) || c.server().equals(cluster.server()));
        return scoped ? matched : new CompiledProject.Decision(false, -1);
    }

    private Optional<PolicyVerdict> missingProject(String name) {
        if (invalidProjects.containsKey(name)) {
            return Optional.of(PolicyVerdict.block(name, PolicyVerdict.Reason.PROJECT_INVALID, "project",
                    "Application referencing project " + name + " which is invalid: " + invalidProjects.get(name)));
        }
        if (!projects.containsKey(name)) {
            return Optional.of(PolicyVerdict.block(name, PolicyVerdict.Reason.PROJECT_NOT_FOUND, "project",
                    "Application referencing project " + name + " which does not exist"));
        }
        return Optional.empty();
    }

    private static String describe(ResourceKey key) {
        return key.group() + "/" + key.kind() + "/" + (key.namespace().isEmpty() ? "" : key.namespace() + "/") + key.name();
    }

    /** Builds a {@link ProjectPolicy}. */
    public static final class Builder {

        private final Clock clock;
        private final Map<String, AppProject> projects = new LinkedHashMap<>();
        private final Map<String, String> invalidProjects = new LinkedHashMap<>();
        private String controllerNamespace = "";
        private ProjectScopedClusters scopedClusters = ProjectScopedClusters.NONE;

        private Builder(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /**
         * Adds projects; a later one of the same name replaces an earlier one.
         *
         * @param list the projects
         * @return this builder
         */
        public Builder projects(Collection<AppProject> list) {
            list.forEach(this::project);
            return this;
        }

        /**
         * Adds a project; one named {@code default} replaces Argo CD's default project.
         *
         * @param project the project
         * @return this builder
         */
        public Builder project(AppProject project) {
            projects.put(project.name(), project);
            invalidProjects.remove(project.name());
            return this;
        }

        /**
         * Records a project that exists but could not be read (controller mode: an AppProject
         * object that {@link AppProjects} refused), so that its applications are blocked with the
         * reason instead of being judged by an older version or by none.
         *
         * @param name the project's name
         * @param problem why it could not be read
         * @return this builder
         */
        public Builder invalidProject(String name, String problem) {
            invalidProjects.put(name, problem);
            projects.remove(name);
            return this;
        }

        /**
         * The namespace whose Application objects may use every project (controller mode); empty by
         * default.
         *
         * @param namespace the controller's namespace, such as {@code argocd}
         * @return this builder
         */
        public Builder controllerNamespace(String namespace) {
            this.controllerNamespace = namespace == null ? "" : namespace;
            return this;
        }

        /**
         * The clusters scoped to each project, for {@code permitOnlyProjectScopedClusters}; none by
         * default.
         *
         * @param clusters the clusters by project
         * @return this builder
         */
        public Builder projectScopedClusters(ProjectScopedClusters clusters) {
            this.scopedClusters = Objects.requireNonNull(clusters, "clusters");
            return this;
        }

        /** {@return the policy over the projects given, judging sync windows on the builder's clock} */
        public ProjectPolicy build() {
            return new ProjectPolicy(this);
        }
    }
}
