package io.gitops4j.render;

/**
 * Argo CD's {@code spec.source.directory}: how a directory of plain manifests is read.
 *
 * @param recurse read sub-directories too
 * @param include a glob ({@code *.yaml}) or a brace list of globs ({@code {a.yaml,b/*.yaml}}) a
 *     file's path (relative to the source directory) must match; empty includes everything
 * @param exclude the same form; matching files are left out
 */
public record DirectorySource(boolean recurse, String include, String exclude) {

    /** Argo CD's default: the directory's own files, all of them. */
    public static final DirectorySource DEFAULTS = new DirectorySource(false, "", "");

    /**
     * Reads a missing glob as the empty one.
     *
     * @param recurse read sub-directories too
     * @param include a glob ({@code *.yaml}) or a brace list of globs ({@code {a.yaml,b/*.yaml}}) a file's
     *     path (relative to the source directory) must match; empty includes everything
     * @param exclude the same form; matching files are left out
     */
    public DirectorySource {
        include = include == null ? "" : include;
        exclude = exclude == null ? "" : exclude;
    }
}
