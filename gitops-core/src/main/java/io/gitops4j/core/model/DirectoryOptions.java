package io.gitops4j.core.model;

import io.gitops4j.render.DirectorySource;

/**
 * How a directory of plain manifests is read ({@code spec.source.directory}).
 *
 * @param recurse read sub-directories too
 * @param include a glob, or brace list of globs, files must match ({@code *.yaml},
 *     {@code {a.yaml,b/*.yaml}}); empty includes everything
 * @param exclude the same form; matching files are left out
 */
public record DirectoryOptions(boolean recurse, String include, String exclude) {

    /**
     * Turns a missing include or exclude into the empty string (no filter).
     *
     * @param recurse read sub-directories too
     * @param include a glob, or brace list of globs, files must match ({@code *.yaml}, {@code
     *     {a.yaml,b/*.yaml}}); empty includes everything
     * @param exclude the same form; matching files are left out
     */
    public DirectoryOptions {
        include = include == null ? "" : include;
        exclude = exclude == null ? "" : exclude;
    }

    /**
     * Only {@code recurse} set.
     *
     * @param recurse read sub-directories too
     */
    public DirectoryOptions(boolean recurse) {
        this(recurse, "", "");
    }

    /** {@return Argo CD's default options: the directory's own files only} */
    public static DirectoryOptions defaults() {
        return new DirectoryOptions(false);
    }

    /**
     * {@return whether nothing is set; as in Argo CD, only a set {@code directory} forces the directory
     * type}
     */
    public boolean isZero() {
        return equals(defaults());
    }

    /** {@return the same options in gitops-render's terms} */
    public DirectorySource toRenderOptions() {
        return new DirectorySource(recurse, include, exclude);
    }
}
