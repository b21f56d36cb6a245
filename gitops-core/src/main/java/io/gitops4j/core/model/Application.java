package io.gitops4j.core.model;

import io.gitops4j.diff.ignore.IgnoreRule;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.kustomize.KustomizeOverrides;
import io.gitops4j.render.plugin.PluginSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application: a source in Git, a destination in a cluster, and how to keep them in sync.
 * Same fields as Argo CD's {@code argoproj.io/v1alpha1} Application, which
 * {@link Applications} reads.
 *
 * <pre>{@code
 * Application app = Application.builder("guestbook")
 *         .repoURL("https://github.com/argoproj/argocd-example-apps.git")
 *         .path("guestbook")
 *         .destinationNamespace("guestbook")
 *         .automated(AutomatedSync.of(true, true))
 *         .build();
 * }</pre>
 *
 * @param name the application name, written into the tracking id of every object it manages
 * @param project the project it belongs to ({@code default} unless set)
 * @param source where the manifests come from
 * @param destination where they go
 * @param automated the automated sync policy
 * @param ignoreDifferences Argo CD's {@code spec.ignoreDifferences}: fields the comparison ignores
 * @param syncPolicy the sync options, retry and managed namespace metadata of {@code spec.syncPolicy}
 * @param revisionHistoryLimit {@code spec.revisionHistoryLimit}: how many successful syncs the
 *     application's history keeps ({@value #DEFAULT_REVISION_HISTORY_LIMIT} by default, as in
 *     Argo CD); 0 keeps none
 * @param sources Argo CD's {@code spec.sources}: several sources rendered one after the other
 *     into one desired state, {@code ref} sources lending their files to Helm value files; empty
 *     for an application with one {@code source}. When not empty, {@code source} is its first
 *     entry, as Argo CD's {@code GetSource()} answers
 * @param annotations the Application object's {@code metadata.annotations} (notification
 *     subscriptions, say); empty for an application made in code unless given
 * @param warnings the fields of its manifest that Argo CD's Application does not have, dropped
 *     when it was read ({@link Applications}); the application controller shows them as an
 *     {@code UnknownFieldWarning} condition. Empty for an application made in code
 */
public record Application(
        String name,
        String project,
        ApplicationSource source,
        ApplicationDestination destination,
        AutomatedSync automated,
        List<IgnoreRule> ignoreDifferences,
        SyncPolicy syncPolicy,
        int revisionHistoryLimit,
        List<ApplicationSource> sources,
        Map<String, String> annotations,
        List<ApplicationWarning> warnings) {

    /** Argo CD's default {@code revisionHistoryLimit}. */
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

    /**
     * Checks the name, copies the lists and maps, and fills Argo CD's defaults for what is missing: project
     * {@code default}, the destination's default namespace, automated sync off, no ignored differences,
     * {@link SyncPolicy#DEFAULTS}. With {@code sources}, {@code source} becomes their first entry.
     *
     * @param name the application name, written into the tracking id of every object it manages
     * @param project the project it belongs to ({@code default} unless set)
     * @param source where the manifests come from
     * @param destination where they go
     * @param automated the automated sync policy
     * @param ignoreDifferences Argo CD's {@code spec.ignoreDifferences}: fields the comparison ignores
     * @param syncPolicy the sync options, retry and managed namespace metadata of {@code spec.syncPolicy}
     * @param revisionHistoryLimit {@code spec.revisionHistoryLimit}: how many successful syncs the
     *     application's history keeps ({@value #DEFAULT_REVISION_HISTORY_LIMIT} by default, as in Argo CD); 0
     *     keeps none
     * @param sources Argo CD's {@code spec.sources}: several sources rendered one after the other into one
     *     desired state, {@code ref} sources lending their files to Helm value files; empty for an application
     *     with one {@code source}. When not empty, {@code source} is its first entry, as Argo CD's {@code
     *     GetSource()} answers
     * @param annotations the Application object's {@code metadata.annotations} (notification subscriptions,
     *     say); empty for an application made in code unless given
     * @param warnings the unknown fields dropped when its manifest was read; empty for an application made
     *     in code
     * @throws IllegalArgumentException when the name is blank or holds {@code :}, there is no source, two
     *     sources share a {@code ref}, or {@code revisionHistoryLimit} is negative
     */
    public Application {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an application needs a name");
        }
        if (name.contains(":")) {
            throw new IllegalArgumentException("application name '" + name + "' must not contain ':'");
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        if (!sources.isEmpty()) {
            source = sources.get(0);
            java.util.Set<String> refs = new java.util.HashSet<>();
            for (ApplicationSource each : sources) {
                if (!each.ref().isEmpty() && !refs.add(each.ref())) {
                    throw new IllegalArgumentException("application " + name + ": several sources have the ref '"
                            + each.ref() + "'; each ref names one source");
                }
            }
        }
        if (source == null) {
            throw new IllegalArgumentException("application " + name + " needs a source");
        }
        project = project == null || project.isBlank() ? "default" : project;
        destination = destination == null ? ApplicationDestination.namespace("") : destination;
        automated = automated == null ? AutomatedSync.DISABLED : automated;
        ignoreDifferences = ignoreDifferences == null ? List.of() : List.copyOf(ignoreDifferences);
        syncPolicy = syncPolicy == null ? SyncPolicy.DEFAULTS : syncPolicy;
        if (revisionHistoryLimit < 0) {
            throw new IllegalArgumentException("application " + name + ": revisionHistoryLimit must not be negative, not "
                    + revisionHistoryLimit);
        }
    }

    /**
     * An application with no warnings, as one made in code.
     *
     * @param name the application name, written into the tracking id of every object it manages
     * @param project the project it belongs to ({@code default} unless set)
     * @param source where the manifests come from
     * @param destination where they go
     * @param automated the automated sync policy
     * @param ignoreDifferences Argo CD's {@code spec.ignoreDifferences}: fields the comparison ignores
     * @param syncPolicy the sync options, retry and managed namespace metadata of {@code spec.syncPolicy}
     * @param revisionHistoryLimit {@code spec.revisionHistoryLimit}: how many successful syncs the
     *     application's history keeps ({@value #DEFAULT_REVISION_HISTORY_LIMIT} by default, as in Argo CD); 0
     *     keeps none
     * @param sources Argo CD's {@code spec.sources}; empty for an application with one {@code source}
     * @param annotations the Application object's {@code metadata.annotations}
     */
    public Application(String name, String project, ApplicationSource source, ApplicationDestination destination,
            AutomatedSync automated, List<IgnoreRule> ignoreDifferences, SyncPolicy syncPolicy, int revisionHistoryLimit,
            List<ApplicationSource> sources, Map<String, String> annotations) {
        this(name, project, source, destination, automated, ignoreDifferences, syncPolicy, revisionHistoryLimit, sources,
                annotations, List.of());
    }

    /**
     * An application without annotations.
     *
     * @param name the application name, written into the tracking id of every object it manages
     * @param project the project it belongs to ({@code default} unless set)
     * @param source where the manifests come from
     * @param destination where they go
     * @param automated the automated sync policy
     * @param ignoreDifferences Argo CD's {@code spec.ignoreDifferences}: fields the comparison ignores
     * @param syncPolicy the sync options, retry and managed namespace metadata of {@code spec.syncPolicy}
     * @param revisionHistoryLimit {@code spec.revisionHistoryLimit}: how many successful syncs the
     *     application's history keeps ({@value #DEFAULT_REVISION_HISTORY_LIMIT} by default, as in Argo CD); 0
     *     keeps none
     * @param sources Argo CD's {@code spec.sources}: several sources rendered one after the other into one
     *     desired state, {@code ref} sources lending their files to Helm value files; empty for an application
     *     with one {@code source}. When not empty, {@code source} is its first entry, as Argo CD's {@code
     *     GetSource()} answers
     */
    public Application(String name, String project, ApplicationSource source, ApplicationDestination destination,
            AutomatedSync automated, List<IgnoreRule> ignoreDifferences, SyncPolicy syncPolicy, int revisionHistoryLimit,
            List<ApplicationSource> sources) {
        this(name, project, source, destination, automated, ignoreDifferences, syncPolicy, revisionHistoryLimit, sources,
                Map.of());
    }

    /**
     * An application with one source and no annotations.
     *
     * @param name the application name, written into the tracking id of every object it manages
     * @param project the project it belongs to ({@code default} unless set)
     * @param source where the manifests come from
     * @param destination where they go
     * @param automated the automated sync policy
     * @param ignoreDifferences Argo CD's {@code spec.ignoreDifferences}: fields the comparison ignores
     * @param syncPolicy the sync options, retry and managed namespace metadata of {@code spec.syncPolicy}
     * @param revisionHistoryLimit {@code spec.revisionHistoryLimit}: how many successful syncs the
     *     application's history keeps ({@value #DEFAULT_REVISION_HISTORY_LIMIT} by default, as in Argo CD); 0
     *     keeps none
     */
    public Application(String name, String project, ApplicationSource source, ApplicationDestination destination,
            AutomatedSync automated, List<IgnoreRule> ignoreDifferences, SyncPolicy syncPolicy, int revisionHistoryLimit) {
        this(name, project, source, destination, automated, ignoreDifferences, syncPolicy, revisionHistoryLimit, List.of(),
                Map.of());
    }

    /**
     * An application with one source and the default {@code revisionHistoryLimit}.
     *
     * @param name the application name, written into the tracking id of every object it manages
     * @param project the project it belongs to ({@code default} unless set)
     * @param source where the manifests come from
     * @param destination where they go
     * @param automated the automated sync policy
     * @param ignoreDifferences Argo CD's {@code spec.ignoreDifferences}: fields the comparison ignores
     * @param syncPolicy the sync options, retry and managed namespace metadata of {@code spec.syncPolicy}
     */
    public Application(String name, String project, ApplicationSource source, ApplicationDestination destination,
            AutomatedSync automated, List<IgnoreRule> ignoreDifferences, SyncPolicy syncPolicy) {
        this(name, project, source, destination, automated, ignoreDifferences, syncPolicy, DEFAULT_REVISION_HISTORY_LIMIT);
    }

    /**
     * {@return whether the application has several sources ({@code spec.sources}), Argo CD's {@code
     * HasMultipleSources()}}
     */
    public boolean hasMultipleSources() {
        return !sources.isEmpty();
    }

    /**
     * {@return every source: {@code spec.sources}, or the one {@code spec.source}; Argo CD's {@code
     * GetSources()}}
     */
    public List<ApplicationSource> allSources() {
        return sources.isEmpty() ? List.of(source) : sources;
    }

    /**
     * Starts an application with the given name.
     *
     * @param name the application name (required, without {@code :})
     * @return a builder with Argo CD's defaults: project {@code default}, revision {@code HEAD}, the
     *     repository root, no automated sync
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The same application with one source, this one (another revision, say); any {@code sources} are
     * dropped.
     *
     * @param newSource the one source of the new application
     * @return a copy of this application with {@code newSource} as its only source
     */
    public Application withSource(ApplicationSource newSource) {
        return new Application(name, project, newSource, destination, automated, ignoreDifferences, syncPolicy,
                revisionHistoryLimit, List.of(), annotations, warnings);
    }

    /**
     * The same application with these sources ({@code spec.sources}); empty for its one {@code source}.
     *
     * @param newSources the sources of the new application, the first one also its {@code source}
     * @return a copy of this application with these sources
     */
    public Application withSources(List<ApplicationSource> newSources) {
        return new Application(name, project, source, destination, automated, ignoreDifferences, syncPolicy,
                revisionHistoryLimit, newSources, annotations, warnings);
    }

    /**
     * The same application with another automated sync policy (automated sync switched off, say).
     *
     * @param policy the new automated sync policy
     * @return a copy of this application with {@code policy}
     */
    public Application withAutomated(AutomatedSync policy) {
        return new Application(name, project, source, destination, policy, ignoreDifferences, syncPolicy,
                revisionHistoryLimit, sources, annotations, warnings);
    }

    /** Builds an {@link Application}; {@code repoURL} is required unless {@code sources} are given. */
    public static final class Builder {
        private final String name;
        private String project = "default";
        private String repoURL;
        private String targetRevision = "HEAD";
        private String path = "";
        private boolean recurse;
        private String chart = "";
        private Optional<KustomizeOverrides> kustomize = Optional.empty();
        private Optional<HelmOptions> helm = Optional.empty();
        private Optional<PluginSource> plugin = Optional.empty();
        private ApplicationDestination destination = ApplicationDestination.namespace("");
        private AutomatedSync automated = AutomatedSync.DISABLED;
        private List<IgnoreRule> ignoreDifferences = List.of();
        private SyncPolicy syncPolicy = SyncPolicy.DEFAULTS;
        private int revisionHistoryLimit = DEFAULT_REVISION_HISTORY_LIMIT;
        private List<ApplicationSource> sources = List.of();
        private Map<String, String> annotations = Map.of();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The project the application belongs to ({@code spec.project}; default {@code default}).
         *
         * @param value the AppProject's name
         * @return this builder
         */
        public Builder project(String value) {
            this.project = value;
            return this;
        }

        /**
         * The repository of the one source ({@code spec.source.repoURL}); required unless {@link #sources}
         * are given.
         *
         * @param value a Git URL ({@code https://}, {@code ssh://}, {@code file://}), a local path, or with
         *     {@link #chart} a Helm chart repository
         * @return this builder
         */
        public Builder repoURL(String value) {
            this.repoURL = value;
            return this;
        }

        /**
         * The revision of the one source ({@code spec.source.targetRevision}; default {@code HEAD}).
         *
         * @param value a branch, a tag, a commit SHA or {@code HEAD}; with {@link #chart}, the chart
         *     version
         * @return this builder
         */
        public Builder targetRevision(String value) {
            this.targetRevision = value;
            return this;
        }

        /**
         * The directory of the one source inside the repository ({@code spec.source.path}; default: the
         * root).
         *
         * @param value a path relative to the repository root
         * @return this builder
         */
        public Builder path(String value) {
            this.path = value;
            return this;
        }

        /**
         * Whether a plain directory is read with its sub-directories ({@code
         * spec.source.directory.recurse}; default {@code false}).
         *
         * @param value {@code true} to read sub-directories too
         * @return this builder
         */
        public Builder recurse(boolean value) {
            this.recurse = value;
            return this;
        }

        /**
         * A chart of the Helm chart repository {@code repoURL} ({@code spec.source.chart}).
         *
         * @param value the chart name
         * @return this builder
         */
        public Builder chart(String value) {
            this.chart = value;
            return this;
        }

        /**
         * Argo CD's {@code spec.source.kustomize} options.
         *
         * @param value the Kustomize overrides (images, name prefix, patches, ...)
         * @return this builder
         */
        public Builder kustomize(KustomizeOverrides value) {
            this.kustomize = Optional.of(value);
            return this;
        }

        /**
         * Argo CD's {@code spec.source.helm} options.
         *
         * @param value the Helm options (value files, values, parameters, release name, ...)
         * @return this builder
         */
        public Builder helm(HelmOptions value) {
            this.helm = Optional.of(value);
            return this;
        }

        /**
         * Argo CD's {@code spec.source.plugin}.
         *
         * @param value the plugin and its parameters
         * @return this builder
         */
        public Builder plugin(PluginSource value) {
            this.plugin = Optional.of(value);
            return this;
        }

        /**
         * Where the application is deployed ({@code spec.destination}; default: the {@code default}
         * namespace of the cluster given).
         *
         * @param value the destination's server, name and namespace
         * @return this builder
         */
        public Builder destination(ApplicationDestination value) {
            this.destination = value;
            return this;
        }

        /**
         * The destination's namespace, keeping its server and name ({@code spec.destination.namespace}).
         *
         * @param namespace the namespace namespaced objects without one go to
         * @return this builder
         */
        public Builder destinationNamespace(String namespace) {
            this.destination = new ApplicationDestination(destination.server(), destination.name(), namespace);
            return this;
        }

        /**
         * The automated sync policy ({@code spec.syncPolicy.automated}; default: off).
         *
         * @param value prune, self-heal and allow-empty settings, or {@link AutomatedSync#DISABLED}
         * @return this builder
         */
        public Builder automated(AutomatedSync value) {
            this.automated = value;
            return this;
        }

        /**
         * Fields the comparison ignores (Argo CD's {@code spec.ignoreDifferences}).
         *
         * @param value the ignore rules, applied in order
         * @return this builder
         */
        public Builder ignoreDifferences(List<IgnoreRule> value) {
            this.ignoreDifferences = List.copyOf(value);
            return this;
        }

        /**
         * Sync options, retry and managed namespace metadata ({@code spec.syncPolicy}).
         *
         * @param value the sync policy, replacing any sync options set before
         * @return this builder
         */
        public Builder syncPolicy(SyncPolicy value) {
            this.syncPolicy = value;
            return this;
        }

        /**
         * Argo CD sync options ({@code spec.syncPolicy.syncOptions}), such as {@code CreateNamespace=true}.
         *
         * @param options the options, in Argo CD's {@code Name=value} form
         * @return this builder
         */
        public Builder syncOptions(String... options) {
            this.syncPolicy = new SyncPolicy(List.of(options), syncPolicy.retry(), syncPolicy.managedNamespaceMetadata());
            return this;
        }

        /**
         * How many successful syncs the history keeps ({@code spec.revisionHistoryLimit}, default 10).
         *
         * @param value the number of syncs kept; 0 keeps none
         * @return this builder
         */
        public Builder revisionHistoryLimit(int value) {
            this.revisionHistoryLimit = value;
            return this;
        }

        /**
         * The Application's {@code metadata.annotations}, such as {@code
         * notifications.argoproj.io/subscribe.on-sync-failed.slack}.
         *
         * @param value the annotations
         * @return this builder
         */
        public Builder annotations(Map<String, String> value) {
            this.annotations = Map.copyOf(value);
            return this;
        }

        /**
         * Several sources ({@code spec.sources}) instead of the one {@code repoURL}, {@code path}
         * and options set on this builder, which are then ignored.
         *
         * @param value the sources, rendered in order into one desired state
         * @return this builder
         */
        public Builder sources(ApplicationSource... value) {
            this.sources = List.of(value);
            return this;
        }

        /**
         * Builds the application, with one source from {@code repoURL}, {@code path} and the other source
         * options, or with the sources given to {@link #sources}.
         *
         * @return the application
         * @throws IllegalArgumentException when neither a {@code repoURL} nor sources were given, or the
         *     values are invalid (see {@link Application})
         */
        public Application build() {
            ApplicationSource single = sources.isEmpty() ? new ApplicationSource(repoURL, targetRevision, path,
                    new DirectoryOptions(recurse), chart, kustomize, helm, plugin) : sources.get(0);
            return new Application(name, project, single, destination, automated, ignoreDifferences, syncPolicy,
                    revisionHistoryLimit, sources, annotations);
        }
    }
}
