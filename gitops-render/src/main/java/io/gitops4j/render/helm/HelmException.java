package io.gitops4j.render.helm;

import io.gitops4j.render.source.RenderException;

/** Helm could not template a chart: the chart, a values file or a chart repository is at fault. */
public class HelmException extends RenderException {

    private static final long serialVersionUID = 1L;

    public HelmException(String message) {
        super(message);
    }

    public HelmException(String message, Throwable cause) {
        super(message, cause);
    }
}
