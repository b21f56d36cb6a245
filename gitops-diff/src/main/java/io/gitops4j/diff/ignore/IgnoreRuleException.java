package io.gitops4j.diff.ignore;

import io.gitops4j.kube.GitOpsException;

/** An ignoreDifferences rule is invalid: a malformed JSON pointer or jq expression. Names the rule. */
public class IgnoreRuleException extends GitOpsException {

    private static final long serialVersionUID = 1L;

    /**
     * A rule that cannot be used.
     *
     * @param message what is wrong, naming the rule
     */
    public IgnoreRuleException(String message) {
        super(message);
    }

    /**
     * A rule that cannot be used, because of another exception.
     *
     * @param message what is wrong, naming the rule
     * @param cause the underlying failure, such as a jq parse error
     */
    public IgnoreRuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
