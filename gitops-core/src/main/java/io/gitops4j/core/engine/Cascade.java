package io.gitops4j.core.engine;

/**
 * What deleting an application does to its resources, as Argo CD's
 * {@code resources-finalizer.argocd.argoproj.io} finalizer says.
 */
public enum Cascade {
    /**
     * {@code resources-finalizer.argocd.argoproj.io}: every resource the application tracks is
     * deleted with foreground propagation (its dependents first), the highest sync wave first,
     * and the application goes once they are all gone.
     */
    FOREGROUND("resources-finalizer.argocd.argoproj.io"),
    /**
     * {@code resources-finalizer.argocd.argoproj.io/background}: the same with background
     * propagation (the garbage collector removes dependents afterwards).
     */
    BACKGROUND("resources-finalizer.argocd.argoproj.io/background"),
    /** No finalizer: the application goes at once and its resources stay. */
    NONE("");

    /**
     * {@code resources-finalizer.argocd.argoproj.io/foreground}: what Argo CD's API server sets for
     * {@code argocd app delete --propagation-policy foreground}; the same as {@link #FOREGROUND}.
     */
    private static final String FOREGROUND_EXPLICIT = "resources-finalizer.argocd.argoproj.io/foreground";

    private final String finalizer;

    Cascade(String finalizer) {
        this.finalizer = finalizer;
    }

    /** {@return Argo CD's finalizer for this behaviour; empty for {@link #NONE}} */
    public String finalizer() {
        return finalizer;
    }

    /**
     * The behaviour of an Application carrying {@code finalizer}: {@link #FOREGROUND} for Argo CD's
     * finalizer and its {@code /foreground} form, {@link #BACKGROUND} for its {@code /background}
     * form, {@link #NONE} for anything else.
     *
     * @param finalizer a finalizer of the Application's {@code metadata.finalizers}
     * @return the cascade it asks for
     */
    public static Cascade ofFinalizer(String finalizer) {
        if (FOREGROUND_EXPLICIT.equals(finalizer)) {
            return FOREGROUND;
        }
        for (Cascade cascade : values()) {
            if (!cascade.finalizer.isEmpty() && cascade.finalizer.equals(finalizer)) {
                return cascade;
            }
        }
        return NONE;
    }
}
