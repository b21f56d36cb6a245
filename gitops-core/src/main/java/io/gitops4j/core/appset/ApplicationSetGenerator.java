package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.appset.gotemplate.GoTemplate;
import io.gitops4j.core.appset.gotemplate.TemplateException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Generates the Applications of an ApplicationSet, as Argo CD's ApplicationSet controller does:
 * runs each generator of {@code spec.generators} ({@code list}, {@code clusters}, {@code git},
 * {@code matrix}, {@code merge}), renders the template (fasttemplate, or Go templates with
 * {@code goTemplate: true}) with every parameter set, applies {@code templatePatch}, and returns
 * the Applications, each owned by the set.
 *
 * <pre>{@code
 * ApplicationSetGenerator generator = ApplicationSetGenerator.builder()
 *         .clusters(List.of(Cluster.of("prod", "https://prod.example.com", Map.of("env", "prod"))))
 *         .repositories(new GitRepositoryFiles(gitSource))
 *         .build();
 * List<GeneratedApplication> apps = generator.generate(ApplicationSets.readOne(yaml, "appset.yaml"));
 * }</pre>
 *
 * <p><b>All or nothing.</b> Any failure (a generator that cannot read its repository, a
 * template error, two Applications with one name, a limit) throws an
 * {@link ApplicationSetException} naming the set, the generator, the parameter set and the
 * field; the caller must then leave the set's existing Applications alone (create, update and
 * delete nothing), as Argo CD does. What may be created, updated or deleted afterwards is the
 * caller's business, following {@link ApplicationSet#syncPolicy()}.
 *
 * <p>Immutable and safe to share; each call works on its own state.
 */
public final class ApplicationSetGenerator {

    private final Supplier<List<Cluster>> clusters;
    private final boolean inClusterDefault;
    private final RepositoryFiles repositories;
    private final GenerationLimits limits;
    private final boolean newGitFileGlobbing;

    private ApplicationSetGenerator(Builder builder) {
        this.clusters = builder.clusters;
        this.inClusterDefault = builder.inClusterDefault;
        this.repositories = builder.repositories;
        this.limits = builder.limits;
        this.newGitFileGlobbing = builder.newGitFileGlobbing;
    }

    /**
     * Starts configuring a generator: no clusters but the local one, no repositories, default limits.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The Applications of the set, in the order of its generators and their parameter sets.
     *
     * @param set the ApplicationSet
     * @return the generated Applications with the parameters each was made from
     * @throws ApplicationSetException naming the generator, parameter set and field that failed
     */
    public List<GeneratedApplication> generate(ApplicationSet set) {
        GoTemplate.Options options;
        try {
            options = new GoTemplate.Options(false, limits.maxTemplateOutput(), limits.maxTemplateSteps())
                    .withGoTemplateOptions(set.goTemplateOptions());
        } catch (TemplateException e) {
            throw new ApplicationSetException("ApplicationSet " + set.qualifiedName() + ": spec.goTemplateOptions: "
                    + e.getMessage());
        }
        Generation generation = new Generation(set, List.copyOf(clusters.get()), inClusterDefault, repositories,
                limits, newGitFileGlobbing, new StringRenderer(set.goTemplate(), options));
        Generators generators = new Generators(generation);
        ApplicationRenderer renderer = new ApplicationRenderer(generation);
        List<GeneratedApplication> applications = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        ObjectNode template = set.template();
        for (int i = 0; i < set.generators().size(); i++) {
            JsonNode entry = set.generators().get(i);
            for (Generators.Result result : generators.transform(entry, "spec.generators[" + i + "]", Map.of(),
                    template, 0)) {
                int index = 0;
                for (Map<String, Object> params : result.params()) {
                    GeneratedApplication app = render(generation, renderer, result, params, index++);
                    String previous = names.putIfAbsent(app.name(), result.path());
                    if (previous != null) {
                        throw generation.error(result.path(), "parameter set " + (index - 1) + " "
                                + ParamSets.describe(params) + " generates Application '" + app.name()
                                + "' again (first from " + previous + "); make template.metadata.name unique");
                    }
                    applications.add(app);
                    if (applications.size() > limits.maxParameterSets()) {
                        throw generation.error("spec.generators", "the set generates more than "
                                + limits.maxParameterSets() + " Applications, the limit; split the set or raise"
                                + " GenerationLimits.maxParameterSets");
                    }
                }
            }
        }
        return List.copyOf(applications);
    }

    private static GeneratedApplication render(Generation generation, ApplicationRenderer renderer,
            Generators.Result result, Map<String, Object> params, int index) {
        try {
            return renderer.render(result.template(), params, result.path());
        } catch (TreeRenderer.FieldException e) {
            throw generation.error(result.path(), "parameter set " + index + " " + ParamSets.describe(params) + ": "
                    + e.field() + ": " + e.getMessage());
        }
    }

    /** Configures an {@link ApplicationSetGenerator}. */
    public static final class Builder {
        private Supplier<List<Cluster>> clusters = List::of;
        private boolean inClusterDefault = true;
        private RepositoryFiles repositories = (repoURL, revision) -> {
            throw new ApplicationSetException("no repositories are configured for git generators; give"
                    + " ApplicationSetGenerator.builder().repositories(new GitRepositoryFiles(gitSource))");
        };
        private GenerationLimits limits = GenerationLimits.defaults();
        private boolean newGitFileGlobbing;

        private Builder() {
        }

        /**
         * The clusters the {@code clusters} generator chooses from (Argo CD's cluster secrets).
         *
         * @param value the clusters, as Argo CD's cluster secrets describe them
         * @return this builder
         */
        public Builder clusters(List<Cluster> value) {
            List<Cluster> copy = List.copyOf(value);
            this.clusters = () -> copy;
            return this;
        }

        /**
         * The clusters the {@code clusters} generator chooses from, asked for at every generation,
         * as Argo CD lists its cluster secrets each time: clusters added or removed since the last
         * generation are seen by the next.
         *
         * @param value gives the clusters of the moment; called once per generation
         * @return this builder
         */
        public Builder clusters(Supplier<List<Cluster>> value) {
            this.clusters = Objects.requireNonNull(value, "clusters");
            return this;
        }

        /**
         * Whether the local cluster ({@code in-cluster}, {@code https://kubernetes.default.svc})
         * exists without being listed, as in Argo CD (default true); embedded programs that deploy
         * to no local cluster turn it off.
         *
         * @param value {@code false} to leave the local cluster out unless listed
         * @return this builder
         */
        public Builder inClusterDefault(boolean value) {
            this.inClusterDefault = value;
            return this;
        }

        /**
         * Where {@code git} generators read repositories.
         *
         * @param value where repositories are read, such as a {@link GitRepositoryFiles}
         * @return this builder
         */
        public Builder repositories(RepositoryFiles value) {
            this.repositories = Objects.requireNonNull(value, "repositories");
            return this;
        }

        /**
         * The limits of one generation (default {@link GenerationLimits#defaults()}).
         *
         * @param value the limits
         * @return this builder
         */
        public Builder limits(GenerationLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * Argo CD's {@code applicationset.enable-new-git-file-globbing}: {@code files} patterns as
         * doublestar globs ({@code *} within a directory, {@code **} across) instead of
         * {@code git ls-files} pathspecs ({@code *} across directories). Off by default, as in Argo CD.
         *
         * @param value {@code true} for doublestar globs (default {@code false}, as in Argo CD)
         * @return this builder
         */
        public Builder newGitFileGlobbing(boolean value) {
            this.newGitFileGlobbing = value;
            return this;
        }

        /**
         * Builds the generator.
         *
         * @return the generator
         */
        public ApplicationSetGenerator build() {
            return new ApplicationSetGenerator(this);
        }
    }
}
