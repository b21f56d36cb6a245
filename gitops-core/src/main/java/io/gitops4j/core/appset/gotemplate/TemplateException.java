package io.gitops4j.core.appset.gotemplate;

import io.gitops4j.kube.GitOpsException;

/**
 * A Go template could not be parsed or executed. The message follows Go's
 * {@code text/template}: {@code template: <name>:<line>:<column>: ...}, naming the action that
 * failed ({@code executing "<name>" at <.data.test>: ...}) where there is one.
 */
public class TemplateException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message what failed, naming the template's line, column and action
     */
    public TemplateException(String message) {
        super(message);
    }
}
