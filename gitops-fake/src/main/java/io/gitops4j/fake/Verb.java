package io.gitops4j.fake;

import java.util.Locale;

/** The Kubernetes API verbs a {@link Fault} can target. */
public enum Verb {
    GET, LIST, WATCH, CREATE, UPDATE, PATCH, DELETE;

    /** The verb as Kubernetes names it: {@code get}, {@code list}, ... */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
