package io.gitops4j.core.appset;

import java.util.Arrays;
import java.util.Locale;

/**
 * Argo CD's {@code spec.syncPolicy.applicationsSync}: what the controller may do to the
 * Applications of a set. Absent means {@link #SYNC}: create, update and delete.
 */
public enum ApplicationsSync {
    /** Create missing Applications; never update or delete one. */
    CREATE_ONLY("create-only", false, false),
    /** Create and update; never delete. */
    CREATE_UPDATE("create-update", true, false),
    /** Create and delete; never update. */
    CREATE_DELETE("create-delete", false, true),
    /** Create, update and delete (the default). */
    SYNC("sync", true, true);

    private final String value;
    private final boolean allowsUpdate;
    private final boolean allowsDelete;

    ApplicationsSync(String value, boolean allowsUpdate, boolean allowsDelete) {
        this.value = value;
        this.allowsUpdate = allowsUpdate;
        this.allowsDelete = allowsDelete;
    }

    /** {@return the value as written in YAML ({@code create-only}, ...)} */
    public String value() {
        return value;
    }

    /** {@return whether an existing Application may be changed to match the template} */
    public boolean allowsUpdate() {
        return allowsUpdate;
    }

    /** {@return whether an Application no longer generated may be deleted} */
    public boolean allowsDelete() {
        return allowsDelete;
    }

    /**
     * Reads the YAML value.
     *
     * @param value {@code create-only}, {@code create-update}, {@code create-delete} or {@code sync}
     * @return the policy it names
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ApplicationsSync fromValue(String value) {
        return Arrays.stream(values()).filter(v -> v.value.equals(value.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("applicationsSync '" + value
                        + "' is not one of create-only, create-update, create-delete, sync"));
    }
}
