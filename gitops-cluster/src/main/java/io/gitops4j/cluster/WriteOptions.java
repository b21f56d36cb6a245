package io.gitops4j.cluster;

/**
 * Options of a write (create, update, patch, apply): the query parameters {@code dryRun},
 * {@code fieldManager}, {@code force} and {@code fieldValidation} of the Kubernetes API.
 *
 * @param dryRun {@code dryRun=All}: the server runs every step of the write and answers with the
 *     object it would store, but stores nothing
 * @param fieldManager the manager recorded in {@code managedFields} as owning what this write
 *     sets; empty lets the server choose (required for server-side apply)
 * @param force server-side apply only: take ownership of fields other managers own instead of
 *     failing with a conflict
 * @param fieldValidation how the server treats unknown or duplicate fields: {@code Strict}
 *     (fail), {@code Warn}, {@code Ignore}; empty for the server's default
 */
public record WriteOptions(boolean dryRun, String fieldManager, boolean force, String fieldValidation) {

    private static final WriteOptions DEFAULTS = new WriteOptions(false, "", false);

    /**
     * Checks that no part is {@code null}.
     *
     * @param dryRun whether the server only answers with what it would store
     * @param fieldManager the manager owning what this write sets, empty to let the server choose
     * @param force whether a server-side apply takes over fields of other managers
     * @param fieldValidation {@code Strict}, {@code Warn} or {@code Ignore}, empty for the server's default
     * @throws IllegalArgumentException when a part is {@code null}
     */
    public WriteOptions {
        if (fieldManager == null || fieldValidation == null) {
            throw new IllegalArgumentException("fieldManager and fieldValidation must not be null (use \"\")");
        }
    }

    /**
     * Options with the server's default field validation.
     *
     * @param dryRun whether the server only answers with what it would store
     * @param fieldManager the manager owning what this write sets, empty to let the server choose
     * @param force whether a server-side apply takes over fields of other managers
     */
    public WriteOptions(boolean dryRun, String fieldManager, boolean force) {
        this(dryRun, fieldManager, force, "");
    }

    /**
     * A plain write: stored, manager chosen by the server, no force.
     *
     * @return the default options
     */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A write by {@code manager}, for example a server-side apply.
     *
     * @param manager the field manager
     * @return options for writes by that manager
     */
    public static WriteOptions fieldManager(String manager) {
        return new WriteOptions(false, manager, false);
    }

    /**
     * The same write as a dry run ({@code dryRun=All}).
     *
     * @return a copy with {@code dryRun} set
     */
    public WriteOptions asDryRun() {
        return new WriteOptions(true, fieldManager, force, fieldValidation);
    }

    /**
     * The same write forcing ownership of conflicting fields (server-side apply).
     *
     * @return a copy with {@code force} set
     */
    public WriteOptions forced() {
        return new WriteOptions(dryRun, fieldManager, true, fieldValidation);
    }

    /**
     * The same write with this field validation ({@code Strict}, {@code Warn} or {@code Ignore}).
     *
     * @param validation {@code Strict}, {@code Warn} or {@code Ignore}
     * @return a copy with that validation
     */
    public WriteOptions withFieldValidation(String validation) {
        return new WriteOptions(dryRun, fieldManager, force, validation);
    }
}
