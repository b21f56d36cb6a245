package io.gitops4j.k8s.hooks;

import java.util.Optional;

/**
 * When a hook's object is deleted ({@code argocd.argoproj.io/hook-delete-policy}, or Helm's
 * {@code helm.sh/hook-delete-policy}). A hook without a policy has {@link #BEFORE_HOOK_CREATION}.
 */
public enum HookDeletePolicy {
    /** Deleted once the sync succeeds. */
    HOOK_SUCCEEDED("HookSucceeded", "hook-succeeded"),
    /** Deleted once the sync fails. */
    HOOK_FAILED("HookFailed", "hook-failed"),
    /** An object left by an earlier sync is deleted before the hook is created again. */
    BEFORE_HOOK_CREATION("BeforeHookCreation", "before-hook-creation");

    private final String argoName;
    private final String helmName;

    HookDeletePolicy(String argoName, String helmName) {
        this.argoName = argoName;
        this.helmName = helmName;
    }

    /**
     * The name in Argo CD's annotation: {@code HookSucceeded}, ...
     *
     * @return the name
     */
    public String argoName() {
        return argoName;
    }

    /**
     * The name in Helm's annotation: {@code hook-succeeded}, ...
     *
     * @return the name
     */
    public String helmName() {
        return helmName;
    }

    /**
     * The policy an Argo CD annotation value names; empty for anything else.
     *
     * @param value the annotation value, case-sensitive
     * @return the policy, or empty
     */
    public static Optional<HookDeletePolicy> fromArgoName(String value) {
        for (HookDeletePolicy policy : values()) {
            if (policy.argoName.equals(value)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    /**
     * The policy a Helm annotation value names; empty for anything else.
     *
     * @param value the annotation value, case-sensitive
     * @return the policy, or empty
     */
    public static Optional<HookDeletePolicy> fromHelmName(String value) {
        for (HookDeletePolicy policy : values()) {
            if (policy.helmName.equals(value)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
