package io.gitops4j.k8s.clusters;

/** Whether a registered cluster answered its last check, as Argo CD's {@code connectionState.status}. */
public enum ConnectionStatus {
    /** The cluster answered the version and discovery requests. */
    SUCCESSFUL("Successful"),
    /** The cluster did not answer, or answered with an error; see the message. */
    FAILED("Failed"),
    /** Not checked yet. */
    UNKNOWN("Unknown");

    private final String argoName;

    ConnectionStatus(String argoName) {
        this.argoName = argoName;
    }

    /**
     * The value as Argo CD writes it: {@code Successful}, {@code Failed}, {@code Unknown}.
     *
     * @return the name
     */
    public String argoName() {
        return argoName;
    }
}
