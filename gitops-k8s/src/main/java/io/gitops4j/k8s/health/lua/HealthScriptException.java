package io.gitops4j.k8s.health.lua;

import io.gitops4j.kube.GitOpsException;

/**
 * A health script could not be read or compiled (the message names the script and line), or a
 * run of it went past one of its {@link LuaLimits} (the message names the script, the limit, its
 * default and how to raise it).
 */
public class HealthScriptException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * A script that cannot be used.
     *
     * @param message what is wrong, naming the script and line or the limit
     */
    public HealthScriptException(String message) {
        super(message);
    }

    /**
     * A script that cannot be used, because of another exception.
     *
     * @param message what is wrong, naming the script and line or the limit
     * @param cause the underlying failure
     */
    public HealthScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
