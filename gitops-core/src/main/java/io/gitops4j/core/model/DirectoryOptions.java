package io.gitops4j.core.model;

/**
 * How a directory of plain manifests is read ({@code spec.source.directory}).
 *
 * @param recurse read sub-directories too
 */
public record DirectoryOptions(boolean recurse) {

    /** Argo CD's default: the directory's own files only. */
    public static DirectoryOptions defaults() {
        return new DirectoryOptions(false);
    }
}
