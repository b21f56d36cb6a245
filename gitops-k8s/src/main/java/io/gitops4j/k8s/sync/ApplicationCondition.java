package io.gitops4j.k8s.sync;

import java.util.Objects;

/**
 * A problem a comparison found that is worth showing but does not stop a sync by itself, as an
 * entry of Argo CD's {@code status.conditions}.
 *
 * @param type what kind of problem, with Argo CD's name
 * @param message one line naming the resource and what is wrong
 */
public record ApplicationCondition(Type type, String message) {

    /** The kinds of condition a comparison reports. */
    public enum Type {
        /**
         * A live object the application wants is tracked as another application's: both claim it,
         * and whichever syncs last takes it over. The sync option {@code FailOnSharedResource=true}
         * makes a sync fail instead.
         */
        SHARED_RESOURCE_WARNING("SharedResourceWarning");

        private final String argoName;

        Type(String argoName) {
            this.argoName = argoName;
        }

        /**
         * The name Argo CD gives the condition type: {@code SharedResourceWarning}.
         *
         * @return the name
         */
        public String argoName() {
            return argoName;
        }
    }

    /**
     * Checks that every part is given.
     *
     * @param type what kind of problem, with Argo CD's name
     * @param message one line naming the resource and what is wrong
     * @throws NullPointerException when a part is {@code null}
     */
    public ApplicationCondition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    /**
     * Argo CD's {@code SharedResourceWarning}: "{@code <Kind>/<name> is part of applications <app>
     * and <other>}".
     *
     * @param kind the shared resource's kind
     * @param name the shared resource's name
     * @param appName the application reporting the condition
     * @param otherApp the application that also tracks the resource
     * @return the condition
     */
    public static ApplicationCondition sharedResource(String kind, String name, String appName, String otherApp) {
        return new ApplicationCondition(Type.SHARED_RESOURCE_WARNING,
                kind + "/" + name + " is part of applications " + appName + " and " + otherApp);
    }

    /** {@code <type>: <message>}, as a line of output. */
    @Override
    public String toString() {
        return type.argoName() + ": " + message;
    }
}
