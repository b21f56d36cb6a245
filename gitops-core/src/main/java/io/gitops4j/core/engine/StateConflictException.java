package io.gitops4j.core.engine;

import io.gitops4j.kube.GitOpsException;

/** A {@link StateStore} refused a save because the stored state changed since it was read. */
public class StateConflictException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the application and both versions.
     *
     * @param appName the application whose state was saved
     * @param expected the version the save expected
     * @param actual the version stored now
     */
    public StateConflictException(String appName, String expected, String actual) {
        super("the stored state of application " + appName + " is at version " + actual + ", not " + expected
                + "; read it again");
    }
}
