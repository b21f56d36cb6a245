package io.gitops4j.k8s.health.lua;

import io.gitops4j.diff.GitOpsException;

/** A health script could not be read or compiled; the message names the script and line. */
public class HealthScriptException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    public HealthScriptException(String message) {
        super(message);
    }

    public HealthScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
