package io.gitops4j.render;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Argo CD's {@code directory.include} / {@code exclude} patterns: one glob, or several in braces
 * separated by commas ({@code {*.yml,config/*.yaml}}), matched against the file's path relative to
 * the source directory and, like Argo CD, against its base name too.
 */
final class PathGlobs {

    private final List<PathMatcher> matchers;

    private PathGlobs(List<PathMatcher> matchers) {
        this.matchers = matchers;
    }

    static PathGlobs parse(String pattern) {
        List<PathMatcher> matchers = new ArrayList<>();
        String trimmed = pattern.trim();
        List<String> globs = trimmed.startsWith("{") && trimmed.endsWith("}")
                ? List.of(trimmed.substring(1, trimmed.length() - 1).split(","))
                : trimmed.isEmpty() ? List.of() : List.of(trimmed);
        for (String glob : globs) {
            if (!glob.isBlank()) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.trim()));
            }
        }
        return new PathGlobs(matchers);
    }

    boolean isEmpty() {
        return matchers.isEmpty();
    }

    boolean matches(Path relative) {
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(relative) || matcher.matches(relative.getFileName())) {
                return true;
            }
        }
        return false;
    }
}
