package io.gitops4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.Yaml;
import io.gitops4j.render.DirectoryRenderer;
import io.gitops4j.render.RepositoryRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gitops render DIR}: the manifests of a directory as one multi-document YAML stream. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render the manifests in DIR and print them as multi-document YAML.")
final class RenderCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "the directory to render; files may not leave it")
    Path directory;

    @Option(names = "--recurse", description = "also read sub-directories (directory.recurse)")
    boolean recurse;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<ObjectNode> objects = DirectoryRenderer.create().recurse(recurse)
                .render(RepositoryRoot.of(directory), ".");
        spec.commandLine().getOut().print(Yaml.writeAll(objects));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
