package io.gitops4j.render.kustomize.internal.loader;

/**
 * The files one kustomization may read: those in or below its own directory, inside the
 * repository, symbolic links resolved (Kustomize's root-only load restriction).
 */
public interface KustomizationFiles {

    /**
     * The bytes of a file named relative to the kustomization's directory.
     *
     * @throws IllegalArgumentException with Kustomize's wording when the file is missing or
     *     outside the allowed directory
     */
    byte[] read(String path);

    /**
     * The UTF-8 text of a file named relative to the kustomization's directory.
     *
     * @throws IllegalArgumentException as {@link #read}
     * @throws io.gitops4j.render.source.RenderException naming the file and the byte offset where it
     *     is not UTF-8
     */
    String readText(String path);

    /**
     * The size in bytes of a file named relative to the kustomization's directory, checked as
     * {@link #read} checks it, without reading it.
     *
     * @throws IllegalArgumentException as {@link #read}
     */
    long size(String path);
}
