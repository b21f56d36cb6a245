package io.gitops4j.render.helm;

import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helm value files taken from another source's repository, as Argo CD's multiple sources name
 * them: {@code $name/path/values.yaml}, where {@code name} is the {@code ref} of a source. The
 * path is taken from the root of that repository (whatever the source's own {@code path}) and
 * must stay inside it: {@code ..} that climbs out, or a symbolic link that leads out, is refused.
 * The {@code $name} form is read only when references are given (an application with several
 * sources); otherwise the value file is an ordinary path, as in Argo CD.
 */
final class ReferencedValues {

    private static final Logger LOG = LoggerFactory.getLogger(ReferencedValues.class);

    private ReferencedValues() {
    }

    /** Whether {@code file} names another source's repository ({@code $name/...}) and references are given. */
    static boolean isReference(String file, Map<String, RepositoryRoot> references) {
        return file.startsWith("$") && !references.isEmpty();
    }

    /**
     * The text of a referenced value file.
     *
     * @param owner the chart the file is for, for messages
     * @throws HelmException naming the file when {@code $name} is no source's ref, when the path
     *     leaves the referenced repository, or when the file is missing (unless {@code ignoreMissing})
     */
    static Optional<String> read(String file, String owner, Map<String, RepositoryRoot> references,
            boolean ignoreMissing) {
        int slash = file.indexOf('/');
        String name = file.substring(1, slash < 0 ? file.length() : slash);
        RepositoryRoot repository = references.get(name);
        if (repository == null) {
            throw new HelmException("values file '" + file + "' of " + owner + " names $" + name
                    + ", which is not the ref of any source (refs: " + new TreeSet<>(references.keySet()).stream()
                            .map(r -> "$" + r).toList() + "); fix helm.valueFiles or the sources' ref");
        }
        String inside = slash < 0 ? "" : file.substring(slash + 1);
        Path candidate = repository.path().resolve(inside.replaceFirst("^/+", "")).normalize();
        if (!candidate.startsWith(repository.path())) {
            throw new HelmException("values file '" + file + "' of " + owner + " leaves the repository of source $"
                    + name + "; a $" + name + "/ path is read from that repository's root and must stay inside it");
        }
        if (!Files.exists(candidate)) {
            if (ignoreMissing) {
                LOG.debug("values file {} of {} is missing; ignored (ignoreMissingValueFiles)", file, owner);
                return Optional.empty();
            }
            throw new HelmException("values file '" + file + "' of " + owner + " does not exist in the repository of "
                    + "source $" + name + "; fix helm.valueFiles or set ignoreMissingValueFiles");
        }
        try {
            return Optional.of(repository.readText(candidate, file));
        } catch (RenderException e) {
            throw new HelmException("values file '" + file + "' of " + owner + ": " + e.getMessage(), e);
        }
    }
}
