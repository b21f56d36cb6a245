package io.gitops4j.core.engine.internal;

import java.util.regex.Pattern;

/** Whether a pushed revision may move what an application's target revision names (Argo CD's webhook matching). */
final class RevisionMatch {

    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern CONSTRAINT = Pattern.compile(".*[*~^<>=| x].*");

    private RevisionMatch() {
    }

    /**
     * @param targetRevision the application's: a branch, tag, SHA, {@code HEAD} or a semver constraint
     * @param pushed what the webhook names: a branch or tag, with or without {@code refs/heads/}
     *     or {@code refs/tags/}; empty for any
     */
    static boolean mayName(String targetRevision, String pushed) {
        String ref = pushed.replaceFirst("^refs/(heads|tags)/", "");
        if (ref.isEmpty() || targetRevision.isEmpty() || targetRevision.equals("HEAD")) {
            return true;
        }
        if (FULL_SHA.matcher(targetRevision).matches()) {
            return false;
        }
        return targetRevision.equals(ref) || targetRevision.replaceFirst("^refs/(heads|tags)/", "").equals(ref)
                || CONSTRAINT.matcher(targetRevision).matches();
    }
}
