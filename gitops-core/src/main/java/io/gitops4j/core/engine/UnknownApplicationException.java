package io.gitops4j.core.engine;

import io.gitops4j.kube.GitOpsException;

/** An application the controller does not have was named; register it first. */
public class UnknownApplicationException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception naming the application.
     *
     * @param appName the name that was not registered
     */
    public UnknownApplicationException(String appName) {
        super("application " + appName + " is not registered with this controller; register it first");
    }
}
