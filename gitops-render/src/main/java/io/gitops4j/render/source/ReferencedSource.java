package io.gitops4j.render.source;

import java.util.Objects;

/**
 * Another source's checked-out repository that a Helm source's value files may name, as Argo CD's
 * {@code ref} sources: {@code $ref/path/values.yaml} is {@code path/values.yaml} inside it, and
 * nowhere outside it.
 *
 * @param repository the referenced repository, the boundary its value files are read within
 * @param revision the commit it is at; renders are cached by it
 */
public record ReferencedSource(RepositoryRoot repository, String revision) {

    /**
     * Checks that a repository is given.
     *
     * @param repository the referenced repository
     * @param revision the commit it is at; empty when unknown (then nothing is cached by it)
     * @throws NullPointerException when {@code repository} is {@code null}
     */
    public ReferencedSource {
        Objects.requireNonNull(repository, "repository");
        revision = revision == null ? "" : revision;
    }
}
