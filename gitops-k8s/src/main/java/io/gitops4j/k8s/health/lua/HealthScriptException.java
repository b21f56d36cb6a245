package io.gitops4j.k8s.health.lua;

import io.gitops4j.kube.GitOpsException;

/**
 * A health script could not be read or compiled (the message names the script and line), or a
 * run of it went past one of its {@link LuaLimits} (the message names the script, the limit, its
 * default and how to raise it).
 */
public class HealthScriptException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    public HealthScriptException(String message) {
        super(message);
    }

    public HealthScriptException(String message, Throwable cause) {
        super(message, cause);
    }
}
