package io.gitops4j.core.project;

import io.gitops4j.kube.GitOpsException;

/**
 * An AppProject is malformed: an unknown field, a field of the wrong shape, a glob, cron schedule
 * or duration that does not parse, a rule Argo CD refuses ({@code !*}, duplicates, a sync window
 * that names no application, namespace or cluster). The message names the file and line, the
 * project and the field.
 */
public class InvalidProjectException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * A malformed project, described by {@code message}.
     *
     * @param message what is wrong, naming the project and field
     */
    public InvalidProjectException(String message) {
        super(message);
    }
}
