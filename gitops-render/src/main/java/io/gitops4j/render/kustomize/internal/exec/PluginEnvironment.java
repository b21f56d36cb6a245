package io.gitops4j.render.kustomize.internal.exec;

import io.gitops4j.render.kustomize.KustomizePlugins;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where and how plugins of one kustomization run: the settings, the repository checkout and the
 * kustomization's directory (the working directory). Checks that a program is inside the
 * checkout or the plugin home and makes the minimal environment.
 *
 * @param settings what is enabled, the plugin home and the limits
 * @param repository the checkout holding the kustomization
 * @param directory the kustomization's directory
 * @param kustomizationFile the kustomization file, relative to the repository, for messages
 */
public record PluginEnvironment(KustomizePlugins settings, RepositoryRoot repository, Path directory,
        String kustomizationFile) {

    /** Variables passed through from this process: what a program needs to find other programs. */
    private static final String PATH = "PATH";

    /**
     * The real path of a program, which must be an executable regular file inside the repository
     * checkout or the plugin home.
     *
     * @param program the program's path
     * @param shown how to name it in messages
     * @throws IllegalArgumentException when it is missing, outside both, or not executable
     */
    Path executable(Path program, String shown) {
        Path real;
        try {
            real = program.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(shown + " does not exist", e);
        }
        boolean inRepository = real.startsWith(repository.path());
        boolean inHome = settings.pluginHome().map(PluginEnvironment::real).map(real::startsWith).orElse(false);
        if (!inRepository && !inHome) {
            throw new IllegalArgumentException(shown + " resolves to " + real + ", outside the repository"
                    + settings.pluginHome().map(h -> " and the plugin home " + h).orElse("")
                    + "; a plugin must be a file of the repository or of the plugin home");
        }
        if (!Files.isRegularFile(real) || !Files.isExecutable(real)) {
            throw new IllegalArgumentException("unexecutable plugin at: " + shown + " (it must be an executable file)");
        }
        return real;
    }

    private static Path real(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory;
        }
    }

    /** The environment of a program: {@code PATH}, {@code PWD}, the plugin home, then {@code extra}. */
    Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new TreeMap<>();
        Optional.ofNullable(System.getenv(PATH)).ifPresent(p -> env.put(PATH, p));
        env.put("PWD", directory.toString());
        settings.pluginHome().ifPresent(h -> env.put("KUSTOMIZE_PLUGIN_HOME", h.toString()));
        env.putAll(extra);
        return env;
    }
}
