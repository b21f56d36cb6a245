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
        Map<String, String> annotations) {

    /** Argo CD's default {@code revisionHistoryLimit}. */
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

    public Application {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an application needs a name");
        }
        if (name.contains(":")) {
            throw new IllegalArgumentException("application name '" + name + "' must not contain ':'");
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
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

    /** An application without annotations. */
    public Application(String name, String project, ApplicationSource source, ApplicationDestination destination,
            AutomatedSync automated, List<IgnoreRule> ignoreDifferences, SyncPolicy syncPolicy, int revisionHistoryLimit,
            List<ApplicationSource> sources) {
        this(name, project, source, destination, automated, ignoreDifferences, syncPolicy, revisionHistoryLimit, sources,
                Map.of());
    }

    /** An application with one source and no annotations. */
    public Application(String name, String project, ApplicationSource source, ApplicationDestination destination,
            AutomatedSync automated, List<IgnoreRule> ignoreDifferences, SyncPolicy syncPolicy, int revisionHistoryLimit) {
        this(name, project, source, destination, automated, ignoreDifferences, syncPolicy, revisionHistoryLimit, List.of(),
                Map.of());
    }

    /** An application with one source and the default {@code revisionHistoryLimit}. */
    public Application(String name, String project, ApplicationSource source, ApplicationDestination destination,
            AutomatedSync automated, List<IgnoreRule> ignoreDifferences, SyncPolicy syncPolicy) {
        this(name, project, source, destination, automated, ignoreDifferences, syncPolicy, DEFAULT_REVISION_HISTORY_LIMIT);
    }

    /** Whether the application has several sources ({@code spec.sources}), Argo CD's {@code HasMultipleSources()}. */
    public boolean hasMultipleSources() {
        return !sources.isEmpty();
    }

    /** Every source: {@code spec.sources}, or the one {@code spec.source}; Argo CD's {@code GetSources()}. */
    public List<ApplicationSource> allSources() {
        return sources.isEmpty() ? List.of(source) : sources;
    }

    /** Starts an application with the given name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The same application with one source, this one (another revision, say); any {@code sources} are dropped. */
    public Application withSource(ApplicationSource newSource) {
        return new Application(name, project, newSource, destination, automated, ignoreDifferences, syncPolicy,
                revisionHistoryLimit, List.of(), annotations);
    }

    /** The same application with these sources ({@code spec.sources}); empty for its one {@code source}. */
    public Application withSources(List<ApplicationSource> newSources) {
        return new Application(name, project, source, destination, automated, ignoreDifferences, syncPolicy,
                revisionHistoryLimit, newSources, annotations);
    }

    /** The same application with another automated sync policy (automated sync switched off, say). */
    public Application withAutomated(AutomatedSync policy) {
        return new Application(name, project, source, destination, policy, ignoreDifferences, syncPolicy,
                revisionHistoryLimit, sources, annotations);
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

        public Builder project(String value) {
            this.project = value;
            return this;
        }

        public Builder repoURL(String value) {
            this.repoURL = value;
            return this;
        }

        public Builder targetRevision(String value) {
            this.targetRevision = value;
            return this;
        }

        public Builder path(String value) {
            this.path = value;
            return this;
        }

        public Builder recurse(boolean value) {
            this.recurse = value;
            return this;
        }

        /** A chart of the Helm chart repository {@code repoURL} ({@code spec.source.chart}). */
        public Builder chart(String value) {
            this.chart = value;
            return this;
        }

        /** Argo CD's {@code spec.source.kustomize} options. */
        public Builder kustomize(KustomizeOverrides value) {
            this.kustomize = Optional.of(value);
            return this;
        }

        /** Argo CD's {@code spec.source.helm} options. */
        public Builder helm(HelmOptions value) {
            this.helm = Optional.of(value);
            return this;
        }

        /** Argo CD's {@code spec.source.plugin}. */
        public Builder plugin(PluginSource value) {
            this.plugin = Optional.of(value);
            return this;
        }

        public Builder destination(ApplicationDestination value) {
            this.destination = value;
            return this;
        }

        public Builder destinationNamespace(String namespace) {
            this.destination = new ApplicationDestination(destination.server(), destination.name(), namespace);
            return this;
        }

        public Builder automated(AutomatedSync value) {
            this.automated = value;
            return this;
        }

        /** Fields the comparison ignores (Argo CD's {@code spec.ignoreDifferences}). */
        public Builder ignoreDifferences(List<IgnoreRule> value) {
            this.ignoreDifferences = List.copyOf(value);
            return this;
        }

        /** Sync options, retry and managed namespace metadata ({@code spec.syncPolicy}). */
        public Builder syncPolicy(SyncPolicy value) {
            this.syncPolicy = value;
            return this;
        }

        /** Argo CD sync options ({@code spec.syncPolicy.syncOptions}), such as {@code CreateNamespace=true}. */
        public Builder syncOptions(String... options) {
            this.syncPolicy = new SyncPolicy(List.of(options), syncPolicy.retry(), syncPolicy.managedNamespaceMetadata());
            return this;
        }

        /** How many successful syncs the history keeps ({@code spec.revisionHistoryLimit}, default 10). */
        public Builder revisionHistoryLimit(int value) {
            this.revisionHistoryLimit = value;
            return this;
        }

        /** The Application's {@code metadata.annotations}, such as {@code notifications.argoproj.io/subscribe.on-sync-failed.slack}. */
        public Builder annotations(Map<String, String> value) {
            this.annotations = Map.copyOf(value);
            return this;
        }

        /**
         * Several sources ({@code spec.sources}) instead of the one {@code repoURL}, {@code path}
         * and options set on this builder, which are then ignored.
         */
        public Builder sources(ApplicationSource... value) {
            this.sources = List.of(value);
            return this;
        }

        public Application build() {
            ApplicationSource single = sources.isEmpty() ? new ApplicationSource(repoURL, targetRevision, path,
                    new DirectoryOptions(recurse), chart, kustomize, helm, plugin) : sources.get(0);
            return new Application(name, project, single, destination, automated, ignoreDifferences, syncPolicy,
                    revisionHistoryLimit, sources, annotations);
        }
    }
}
