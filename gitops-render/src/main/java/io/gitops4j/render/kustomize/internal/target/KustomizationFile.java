package io.gitops4j.render.kustomize.internal.target;

import io.gitops4j.render.kustomize.internal.model.Kustomization;
import io.gitops4j.render.kustomize.internal.model.KustomizationFailure;
import io.gitops4j.render.kustomize.internal.model.KustomizationReader;
import io.gitops4j.render.source.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Finds and reads the kustomization file of a directory. */
public final class KustomizationFile {

    /** The names Kustomize accepts, in the order it tries them. */
    public static final List<String> NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private KustomizationFile() {
    }

    /** Whether the directory holds a kustomization file. */
    public static boolean existsIn(Path directory) {
        return NAMES.stream().anyMatch(name -> Files.isRegularFile(directory.resolve(name)));
    }

    /**
     * @throws KustomizationFailure when there is none, more than one, or it is invalid
     */
    public static Kustomization read(RepositoryRoot repository, Path directory) {
        List<Path> found = NAMES.stream().map(directory::resolve).filter(Files::isRegularFile).toList();
        String dirDisplay = repository.display(directory);
        if (found.isEmpty()) {
            throw new KustomizationFailure(dirDisplay, "unable to find one of 'kustomization.yaml', 'kustomization.yml' or "
                    + "'Kustomization' in directory '" + dirDisplay + "'");
        }
        if (found.size() > 1) {
            throw new KustomizationFailure(dirDisplay, "Found multiple kustomization files under: " + dirDisplay
                    + "; keep only one");
        }
        Path file = found.get(0);
        String display = repository.display(file);
        return KustomizationReader.read(repository.readText(file, display), display);
    }
}
