package io.gitops4j.k8s.hooks;

import java.util.Optional;

/**
 * The values of the {@code argocd.argoproj.io/hook} annotation, in Argo CD's words. Helm's hook
 * types map onto them ({@code pre-install} and {@code pre-upgrade} are {@link #PRE_SYNC},
 * {@code post-install} and {@code post-upgrade} are {@link #POST_SYNC}).
 */
public enum HookType {
    /** Runs before the resources are applied. */
    PRE_SYNC("PreSync"),
    /** Runs with the resources, in their waves. */
    SYNC("Sync"),
    /** Runs after every resource is applied and healthy. */
    POST_SYNC("PostSync"),
    /** Runs when the sync fails. */
    SYNC_FAIL("SyncFail"),
    /** Not a hook: the resource is left out of the sync altogether. */
    SKIP("Skip"),
    /** Runs before the application is deleted (not part of a sync). */
    PRE_DELETE("PreDelete"),
    /** Runs after the application is deleted (not part of a sync). */
    POST_DELETE("PostDelete");

    private final String annotationValue;

    HookType(String annotationValue) {
        this.annotationValue = annotationValue;
    }

    /**
     * The value in the annotation: {@code PreSync}, {@code PostSync}, ...
     *
     * @return the value
     */
    public String annotationValue() {
        return annotationValue;
    }

    /**
     * The type an annotation value names, matched exactly as Argo CD does; empty for anything else.
     *
     * @param value the annotation value
     * @return the type, or empty
     */
    public static Optional<HookType> fromAnnotationValue(String value) {
        for (HookType type : values()) {
            if (type.annotationValue.equals(value)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether this type runs during a sync (PreSync, Sync, PostSync or SyncFail).
     *
     * @return whether it runs during a sync
     */
    public boolean runsInSync() {
        return this == PRE_SYNC || this == SYNC || this == POST_SYNC || this == SYNC_FAIL;
    }
}
