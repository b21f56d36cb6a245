package io.gitops4j.render.kustomize.internal.target;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Redaction;
import io.gitops4j.kube.YamlReader;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.kustomize.internal.exec.PluginEnvironment;
import io.gitops4j.render.kustomize.internal.loader.FileLoader;
import io.gitops4j.render.kustomize.internal.model.Kustomization;
import io.gitops4j.render.kustomize.internal.model.KustomizationFailure;
import io.gitops4j.render.kustomize.internal.plugins.PluginLoader;
import io.gitops4j.render.kustomize.internal.resource.Generator;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.ResourceFiles;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import io.gitops4j.render.kustomize.internal.resource.TransformerConfig;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One kustomization directory in a build: accumulates its resources (files, bases, remote
 * bases), runs its generators, lets its components act, then runs its transformers, in
 * Kustomize's order. Bases are built by their own {@code KustTarget} with a fresh accumulation;
 * components act on the accumulation of the kustomization that names them.
 */
public final class KustTarget {

    private final BuildContext context;
    private final RepositoryRoot repository;
    private final Path directory;
    private final Kustomization kustomization;
    private final FileLoader files;
    private final List<Path> chain;
    /** The remote repository this kustomization was fetched from; {@code null} for a local one. */
    private final Origin.Remote remote;

    private KustTarget(BuildContext context, RepositoryRoot repository, Path directory, Kustomization kustomization,
            List<Path> chain, Origin.Remote remote) {
        this.context = context;
        this.repository = repository;
        this.directory = directory;
        this.kustomization = kustomization;
        this.files = new FileLoader(repository, directory, context.rootOnly());
        this.chain = chain;
        this.remote = remote;
    }

    /**
     * Loads the kustomization in {@code directory}.
     *
     * @param chain the directories of the kustomizations that led here, outermost first
     */
    public static KustTarget load(BuildContext context, RepositoryRoot repository, Path directory, List<Path> chain) {
        return load(context, repository, directory, chain, null);
    }

    private static KustTarget load(BuildContext context, RepositoryRoot repository, Path directory, List<Path> chain,
            Origin.Remote remote) {
        return new KustTarget(context, repository, directory, KustomizationFile.read(repository, directory), chain,
                remote);
    }

    public Kustomization kustomization() {
        return kustomization;
    }

    /** Builds this kustomization into a fresh accumulation. */
    public Accumulation accumulate() {
        return accumulateInto(new Accumulation(TransformerConfig.empty()));
    }

    /** Returns the same kustomization with other content (Argo CD's overrides), at the same place. */
    public KustTarget with(Kustomization replacement) {
        return new KustTarget(context, repository, directory, replacement, chain, remote);
    }

    private Accumulation accumulateInto(Accumulation acc) {
        step(() -> context.patchSchema().choose(kustomization.openapi(), files, chain.isEmpty()));
        for (String entry : kustomization.resources()) {
            accumulateResource(acc, entry);
        }
        // as Kustomize: this kustomization's configuration (the defaults and its files) merged into the accumulation's
        TransformerConfig own = context.defaults().copy();
        for (String configuration : kustomization.configurations()) {
            own.merge(step(() -> readConfiguration(configuration)));
        }
        step(() -> acc.config().merge(own));
        for (String crd : kustomization.crds()) {
            acc.config().merge(step(() -> CrdConfig.read(files, crd)));
        }
        runGenerators(acc);
        for (String component : kustomization.components()) {
            accumulateComponent(acc, component);
        }
        runTransformers(acc);
        for (Resource config : pluginConfigs(kustomization.validators())) {
            Transformer validator = step(() -> plugins().transformer(config));
            step(() -> Validators.run(validator, acc.resources()));
        }
        step(() -> acc.declareVars(kustomization.vars()));
        return acc;
    }

    /**
     * Configures every generator (the built-ins of the kustomization's fields, then those its
     * {@code generators} configure), then runs each and absorbs what it made (create, merge or
     * replace).
     */
    private void runGenerators(Accumulation acc) {
        List<Generator> generators = new ArrayList<>(step(() -> builtins().generators(context, directory)));
        for (Resource config : pluginConfigs(kustomization.generators())) {
            generators.add(step(() -> {
                try {
                    return plugins().generator(config);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("loading generator plugins: failed to load generator: "
                            + e.getMessage(), e);
                }
            }));
        }
        for (Generator generator : generators) {
            ResMap generated = step(generator::generate);
            for (Resource resource : generated.resources()) {
                step(() -> acc.resources().absorb(resource));
            }
        }
    }

    /**
     * Configures every transformer (the built-ins of the kustomization's fields, then those its
     * {@code transformers} configure), reading the files they need, then runs them in order.
     */
    private void runTransformers(Accumulation acc) {
        List<Transformer> transformers = new ArrayList<>(step(() -> builtins().transformers(acc.config())));
        List<Origin> origins = new ArrayList<>();
        transformers.forEach(t -> origins.add(Origin.transformer(kustomizationPath(), t.kind()).in(remote)));
        for (Resource config : pluginConfigs(kustomization.transformers())) {
            transformers.add(step(() -> plugins().transformer(config)));
            origins.add(Origin.plugin(config.origin().file(), config.currentId()).in(config.origin().remote()));
        }
        for (int i = 0; i < transformers.size(); i++) {
            Transformer transformer = transformers.get(i);
            step(() -> transformer.transform(acc.resources()));
            Origin origin = origins.get(i);
            // Kustomize: an object without an origin was made by this transformer, the others changed by it
            acc.resources().resources().forEach(r -> {
                if (r.origin() == null) {
                    r.origin(origin);
                } else {
                    r.addTransformation(origin);
                }
            });
        }
    }

    /**
     * The plugin configurations of a {@code transformers} or {@code generators} list: each entry
     * is an inline configuration (YAML text) or, as a resource entry, a file or a kustomization
     * directory whose output they are. Inline ones come first, as in Kustomize.
     */
    private List<Resource> pluginConfigs(List<String> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Accumulation configs = new Accumulation(context.defaults().copy());
        List<String> paths = new ArrayList<>();
        for (String entry : entries) {
            Optional<List<ObjectNode>> inline = inlineConfigs(entry);
            if (inline.isEmpty()) {
                paths.add(entry);
                continue;
            }
            for (ObjectNode object : inline.get()) {
                step(() -> configs.resources().append(new Resource(object, Origin.file(kustomizationPath()).in(remote))));
            }
        }
        for (String path : paths) {
            accumulateResource(configs, path);
        }
        return configs.resources().resources();
    }

    /** The objects of an entry that is YAML text rather than a path. */
    private Optional<List<ObjectNode>> inlineConfigs(String entry) {
        try {
            return Optional.of(ResourceFiles.read(entry, kustomization.file()));
        } catch (ManifestException e) {
            return Optional.empty();
        }
    }

    private PluginLoader plugins() {
        return new PluginLoader(files, directory, context.helmCharts(), context.patchSchema(),
                new PluginEnvironment(context.plugins(), repository, directory, kustomization.file()));
    }

    private BuiltinConfigurators builtins() {
        return new BuiltinConfigurators(kustomization, files, kustomizationPath(), context.patchSchema());
    }

    private void accumulateResource(Accumulation acc, String entry) {
        if (RemoteReference.isRemote(entry)) {
            accumulateRemote(acc, entry);
            return;
        }
        Path candidate = directory.resolve(entry).normalize();
        if (Files.isDirectory(candidate)) {
            Path base = insideRepository(candidate, entry);
            KustTarget child = child(base, entry);
            if (child.kustomization.isComponent()) {
                throw fail("expected kind != 'Component' for path '" + entry + "'; list components under 'components'");
            }
            Accumulation childResult = child.accumulate();
            step(() -> acc.absorbChild(childResult));
            return;
        }
        Path file = step(() -> files.resolveFile(entry));
        String display = repository.display(file);
        String text = step(() -> repository.readText(file, display));
        List<ObjectNode> objects;
        try {
            objects = ResourceFiles.read(text, display);
        } catch (ManifestException e) {
            throw fail("accumulating resources from '" + entry + "': " + e.getMessage());
        }
        context.patchSchema().loaded(objects);
        for (ObjectNode object : objects) {
            step(() -> acc.resources().append(new Resource(object, Origin.file(file).in(remote))));
        }
    }

    private void accumulateComponent(Accumulation acc, String entry) {
        Path candidate = directory.resolve(entry).normalize();
        if (!Files.isDirectory(candidate)) {
            throw fail("component '" + entry + "' is not a directory; a component is a directory with a "
                    + "kustomization of kind Component");
        }
        KustTarget component = child(insideRepository(candidate, entry), entry);
        if (!component.kustomization.isComponent()) {
            throw fail("expected kind 'Component' for path '" + entry + "' but got 'Kustomization'");
        }
        component.accumulateInto(acc);
    }

    private void accumulateRemote(Accumulation acc, String entry) {
        RemoteReference remote = RemoteReference.parse(entry).orElseThrow();
        if (context.remoteFetcher().isEmpty()) {
            throw fail("remote resource '" + Redaction.text(entry) + "' is not allowed: remote bases are disabled; "
                    + "enable them in the Kustomize options or vendor the base into the repository");
        }
        Path checkout = context.remoteFetcher().get().fetch(remote.repoURL(), remote.ref());
        RepositoryRoot remoteRoot = RepositoryRoot.of(checkout);
        Path base = remoteRoot.resolve(remote.path().isEmpty() ? "." : remote.path());
        if (!Files.isDirectory(base)) {
            throw fail("remote resource '" + Redaction.text(entry) + "' is not a directory in "
                    + Redaction.url(remote.repoURL()));
        }
        List<Path> nextChain = new ArrayList<>(chain);
        nextChain.add(directory);
        Origin.Remote origin = new Origin.Remote(Redaction.url(remote.repoURL()), remote.ref(),
                remoteRoot.path());
        Accumulation childResult = KustTarget.load(context, remoteRoot, base, nextChain, origin).accumulate();
        step(() -> acc.absorbChild(childResult));
    }

    private KustTarget child(Path base, String entry) {
        List<Path> visited = new ArrayList<>(chain);
        visited.add(directory);
        for (Path earlier : visited) {
            if (earlier.startsWith(base)) {
                throw fail("cycle detected: candidate root '" + repository.display(base) + "' (from '" + entry
                        + "') contains visited root '" + repository.display(earlier) + "'");
            }
        }
        return KustTarget.load(context, repository, base, visited, remote);
    }

    private Path insideRepository(Path candidate, String entry) {
        if (!repository.contains(candidate)) {
            throw fail("security; directory '" + entry + "' is outside the repository; bases must be inside it");
        }
        return step(() -> repository.realPath(candidate, entry));
    }

    private Path kustomizationPath() {
        return repository.path().resolve(kustomization.file());
    }

    private TransformerConfig readConfiguration(String path) {
        String text = files.readText(path);
        TransformerConfig config = TransformerConfig.empty();
        for (YamlDocument document : YamlReader.kubectl().readDocuments(text, path)) {
            config.merge(TransformerConfig.parse(document.body()));
        }
        return config;
    }

    private <T> T step(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException | UnsupportedOperationException | ManifestException | RenderException e) {
            throw fail(e.getMessage(), e);
        }
    }

    private void step(Runnable work) {
        step(() -> {
            work.run();
            return null;
        });
    }

    private KustomizationFailure fail(String problem) {
        return new KustomizationFailure(kustomization.file(), problem);
    }

    private KustomizationFailure fail(String problem, Throwable cause) {
        return new KustomizationFailure(kustomization.file(), problem, cause);
    }
}
