package io.gitops4j.diff.ignore;

import io.gitops4j.kube.GitOpsException;

/** An ignoreDifferences rule is invalid: a malformed JSON pointer or jq expression. Names the rule. */
public class IgnoreRuleException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    public IgnoreRuleException(String message) {
        super(message);
    }

    public IgnoreRuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
