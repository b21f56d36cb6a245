package io.gitops4j.render.kustomize.internal.resource;

import java.nio.file.Path;

/**
 * Where a resource came from, for the {@code originAnnotations} build option: the file it was
 * read from, or the kustomization whose generator made it.
 *
 * @param file the resource file, or the kustomization file of the generator
 * @param generator the generator kind ({@code ConfigMapGenerator}, ...); empty for a resource file
 */
public record Origin(Path file, String generator) {

    /** A resource read from {@code file}. */
    public static Origin file(Path file) {
        return new Origin(file, "");
    }

    /** A resource made by a generator of the kustomization {@code kustomizationFile}. */
    public static Origin generator(Path kustomizationFile, String kind) {
        return new Origin(kustomizationFile, kind);
    }

    /** Kustomize's annotation text, paths relative to the directory of the top kustomization. */
    public String annotation(Path topDirectory) {
        String relative = topDirectory.relativize(file).toString().replace('\\', '/');
        return generator.isEmpty()
                ? "path: " + relative + "\n"
                : "configuredIn: " + relative + "\nconfiguredBy:\n  apiVersion: builtin\n  kind: " + generator + "\n";
    }
}
