package io.gitops4j.render.plugin;

import io.gitops4j.render.source.RenderException;

/** A config management plugin is unknown, failed, timed out or printed something that is not manifests. */
public class PluginException extends RenderException {

    private static final long serialVersionUID = 1L;

    /**
     * A plugin failure.
     *
     * @param message what failed, naming the plugin
     */
    public PluginException(String message) {
        super(message);
    }

    /**
     * A plugin failure caused by another exception.
     *
     * @param message what failed, naming the plugin
     * @param cause the underlying failure
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
