package io.gitops4j.core.engine;

import io.gitops4j.kube.GitOpsException;

/** A {@link StateStore} refused a save because the stored state changed since it was read. */
public class StateConflictException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    public StateConflictException(String appName, String expected, String actual) {
        super("the stored state of application " + appName + " is at version " + actual + ", not " + expected
                + "; read it again");
    }
}
