package io.gitops4j.cluster;

/**
 * What a deletion does to the objects that name the deleted one as their owner
 * ({@code metadata.ownerReferences}), as the Kubernetes garbage collector does it.
 */
public enum PropagationPolicy {

    /** The owner goes at once; its dependents are deleted after it. */
    BACKGROUND("Background"),
    /**
     * The owner stays, with a deletionTimestamp and the {@code foregroundDeletion} finalizer,
     * until every dependent that blocks owner deletion is gone.
     */
    FOREGROUND("Foreground"),
    /** The owner goes; its dependents stay and lose their reference to it. */
    ORPHAN("Orphan");

    private final String apiName;

    PropagationPolicy(String apiName) {
        this.apiName = apiName;
    }

    /**
     * The name in the Kubernetes API: {@code Background}, {@code Foreground}, {@code Orphan}.
     *
     * @return the API name
     */
    public String apiName() {
        return apiName;
    }

    /**
     * The policy with this API name.
     *
     *
     * @param name the API name, case-sensitive
     * @return the policy
     * @throws IllegalArgumentException naming the accepted values
     */
    public static PropagationPolicy fromApiName(String name) {
        for (PropagationPolicy policy : values()) {
            if (policy.apiName.equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("propagationPolicy '" + name
                + "' is not one of Background, Foreground, Orphan");
    }
}
