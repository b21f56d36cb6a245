package io.gitops4j.render.helm;

import io.gitops4j.render.source.RenderException;

/** Helm could not template a chart: the chart, a values file or a chart repository is at fault. */
public class HelmException extends RenderException {

    private static final long serialVersionUID = 1L;

    /**
     * A Helm failure.
     *
     * @param message what failed, naming the chart, file or values file
     */
    public HelmException(String message) {
        super(message);
    }

    /**
     * A Helm failure caused by another exception.
     *
     * @param message what failed, naming the chart, file or values file
     * @param cause the underlying failure
     */
    public HelmException(String message, Throwable cause) {
        super(message, cause);
    }
}
