package io.gitops4j.fake;

import java.util.Locale;

/** The Kubernetes API verbs a {@link Fault} can target. */
public enum Verb {
    /** Reads one object. */
    GET,
    /** Lists the objects of a type. */
    LIST,
    /** Watches the objects of a type. */
    WATCH,
    /** Creates an object. */
    CREATE,
    /** Replaces an object, or its status. */
    UPDATE,
    /** Patches an object, server-side apply included. */
    PATCH,
    /** Deletes an object. */
    DELETE;

    /**
     * The verb as Kubernetes names it: {@code get}, {@code list}, ...
     *
     * @return the lower-case name
     */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
