package io.gitops4j.render.kustomize.internal.resource;

import java.nio.file.Path;

/**
 * Where a resource came from, for the {@code originAnnotations} build option: the file it was
 * read from, or the generator that made it and where that generator is configured.
 *
 * @param file the resource file, or the file configuring the generator (a kustomization, or a
 *     plugin configuration listed under {@code generators})
 * @param configuredBy the generator: {@code builtin} and its kind for a kustomization's own
 *     generator fields, the plugin configuration's id otherwise; {@code null} for a resource file
 * @param remote the remote repository {@code file} was fetched from; {@code null} for a local file
 */
public record Origin(Path file, ResId configuredBy, Remote remote) {

    /**
     * A remote base's repository, as the annotation names it.
     *
     * @param repo the repository URL
     * @param ref the ref asked for; empty for the default branch
     * @param root the checkout's directory, which the annotation's paths are relative to
     */
    public record Remote(String repo, String ref, Path root) {
    }

    /** A resource read from {@code file}. */
    public static Origin file(Path file) {
        return new Origin(file, null, null);
    }

    /** A resource made by a built-in generator field ({@code configMapGenerator}, ...) of {@code kustomizationFile}. */
    public static Origin generator(Path kustomizationFile, String kind) {
        return new Origin(kustomizationFile, new ResId("", "builtin", kind, "", ""), null);
    }

    /** A resource made by the generator a plugin configuration, found in {@code configFile}, configures. */
    public static Origin plugin(Path configFile, ResId config) {
        return new Origin(configFile, config, null);
    }

    /** A built-in transformer configured by a field ({@code namePrefix}, ...) of {@code kustomizationFile}. */
    public static Origin transformer(Path kustomizationFile, String kind) {
        return generator(kustomizationFile, kind);
    }

    /** This origin in a remote repository ({@code null}: a local one). */
    public Origin in(Remote repository) {
        return new Origin(file, configuredBy, repository);
    }

    /**
     * Kustomize's annotation text: paths relative to the directory of the top kustomization, or
     * for a remote base to its repository's root, with the repository and ref.
     */
    public String annotation(Path topDirectory) {
        Path base = remote == null ? topDirectory : remote.root();
        String relative = base.relativize(file).toString().replace('\\', '/');
        String repository = remote == null ? "" : "repo: " + remote.repo() + "\n"
                + (remote.ref().isEmpty() ? "" : "ref: " + remote.ref() + "\n");
        if (configuredBy == null) {
            return "path: " + relative + "\n" + repository;
        }
        StringBuilder text = new StringBuilder(repository).append("configuredIn: ").append(relative)
                .append("\nconfiguredBy:\n");
        line(text, "apiVersion", configuredBy.apiVersion());
        line(text, "kind", configuredBy.kind());
        line(text, "name", configuredBy.name());
        line(text, "namespace", configuredBy.namespace());
        return text.toString();
    }

    private static void line(StringBuilder text, String key, String value) {
        if (!value.isEmpty()) {
            text.append("  ").append(key).append(": ").append(value).append('\n');
        }
    }
}
