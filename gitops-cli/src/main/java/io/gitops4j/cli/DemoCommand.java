package io.gitops4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gitops demo}: the quickstart story; exit 0 when every step did what it says. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show GitOps4J at work: a throwaway Git repository synced into an in-memory fake cluster.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--keep", description = "keep the temporary Git repository and cache and print where they are")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path workspace = Files.createTempDirectory("gitops4j-demo-");
        try {
            int failed = new Demo(new Narrator(spec.commandLine().getOut())).run(workspace);
            return failed == 0 ? 0 : 1;
        } finally {
            if (keep) {
                spec.commandLine().getOut().println("  Kept the demo files in " + workspace);
            } else {
                deleteRecursively(workspace);
            }
            spec.commandLine().getOut().flush();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
