package io.gitops4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import io.gitops4j.render.DirectorySource;
import io.gitops4j.render.RenderRequest;
import io.gitops4j.render.Renderer;
import io.gitops4j.render.RendererSelection;
import io.gitops4j.render.SourceOptions;
import io.gitops4j.render.SourceType;
import io.gitops4j.render.helm.HelmOptions;
import io.gitops4j.render.helm.HelmParameter;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gitops render DIR}: the manifests of a directory (plain files, a kustomization or a Helm
 * chart, chosen as Argo CD chooses) as one multi-document YAML stream.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render DIR (plain manifests, a kustomization or a Helm chart) and print multi-document YAML.")
final class RenderCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the directory to render")
    Path directory;

    @Option(names = "--root", paramLabel = "PATH", description = "the repository root no file may come from outside of "
            + "(default: the enclosing Git work tree, else DIR)")
    Path root;

    @Option(names = "--recurse", description = "plain directories: also read sub-directories (directory.recurse)")
    boolean recurse;

    @Option(names = "--release", paramLabel = "NAME", description = "Helm: the release name (default: release-name)")
    String release = "";

    @Option(names = "--namespace", paramLabel = "NS", description = "Helm: the release namespace (default: default)")
    String namespace = "";

    @Option(names = "--values", paramLabel = "FILE", description = "Helm: a values file inside DIR; repeatable")
    List<Path> values = new ArrayList<>();

    @Option(names = "--set", paramLabel = "K=V", description = "Helm: a value, as helm template --set; repeatable")
    List<String> set = new ArrayList<>();

    @Option(names = "--set-string", paramLabel = "K=V", description = "Helm: a string value, as --set-string; repeatable")
    List<String> setString = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RepositoryRoot repository = repositoryHolding(directory, root);
        Path source = RepositoryRoot.of(directory).path();
        SourceType type = RendererSelection.detect(source);
        SourceOptions options = options(repository, source, type);
        RenderRequest request = new RenderRequest(repository, repository.display(source), options, release, namespace,
                "", "", "");
        List<ObjectNode> objects = Renderer.builder().cacheSize(0).build().render(request).objects();
        spec.commandLine().getOut().print(Yaml.writeAll(objects));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /**
     * The repository {@code directory} is rendered in: {@code root} when given, else its enclosing
     * work tree.
     *
     * @throws RenderException when the directory is not inside that root
     */
    static RepositoryRoot repositoryHolding(Path directory, Path root) {
        RepositoryRoot repository = RepositoryRoot.of(root != null ? root : enclosingWorkTree(directory));
        if (!RepositoryRoot.of(directory).path().startsWith(repository.path())) {
            throw new RenderException(directory + " is not inside the repository root " + repository.path());
        }
        return repository;
    }

    /** The nearest directory at or above {@code start} holding {@code .git}, or {@code start} itself. */
    static Path enclosingWorkTree(Path start) {
        Path real = RepositoryRoot.of(start).path();
        for (Path dir = real; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return real;
    }

    private SourceOptions options(RepositoryRoot repository, Path source, SourceType type) {
        boolean helmOptions = !release.isEmpty() || !values.isEmpty() || !set.isEmpty() || !setString.isEmpty();
        if (helmOptions && type != SourceType.HELM) {
            throw new RenderException("--release, --values, --set and --set-string apply to Helm charts; " + directory
                    + " is rendered as " + type.name().toLowerCase(Locale.ROOT) + " (it has no Chart.yaml)");
        }
        if (type == SourceType.HELM) {
            List<String> valueFiles = values.stream()
                    .map(file -> source.relativize(file.toAbsolutePath().normalize()).toString()).toList();
            List<HelmParameter> parameters = new ArrayList<>();
            set.forEach(p -> parameters.add(parameter(p, false)));
            setString.forEach(p -> parameters.add(parameter(p, true)));
            return SourceOptions.helm(new HelmOptions(valueFiles, false, "", Optional.empty(), parameters,
                    release.isEmpty() ? "release-name" : release, namespace, "", List.of(), false, false));
        }
        return recurse ? SourceOptions.directory(new DirectorySource(true, "", "")) : SourceOptions.AUTO;
    }

    private static HelmParameter parameter(String assignment, boolean forceString) {
        int equals = assignment.indexOf('=');
        if (equals <= 0) {
            throw new RenderException("--set needs KEY=VALUE, not '" + assignment + "'");
        }
        return new HelmParameter(assignment.substring(0, equals), assignment.substring(equals + 1), forceString);
    }
}
