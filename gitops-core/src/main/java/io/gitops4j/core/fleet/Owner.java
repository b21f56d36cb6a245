package io.gitops4j.core.fleet;

/**
 * Who owns an application of the fleet: an ApplicationSet or a parent application (app-of-apps).
 *
 * @param kind {@code ApplicationSet} or {@code Application}
 * @param name the owner's name ({@code namespace/name} for a set with a namespace)
 */
record Owner(String kind, String name) {

    static Owner applicationSet(String qualifiedName) {
        return new Owner("ApplicationSet", qualifiedName);
    }

    static Owner parent(String appName) {
        return new Owner("Application", appName);
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
