package io.gitops4j.core.fleet;

import java.util.List;

/**
 * What one reconciliation of a fleet owner did to the engine's applications, by name, each list
 * sorted as the owner generated them.
 *
 * @param created registered for the first time
 * @param updated registered again with a changed spec or finalizers
 * @param deleted deleted (their resources with them or not, as their finalizers say)
 * @param unchanged generated as they are: nothing written
 * @param skipped generated but left as they are: the policy forbids the change, another owner has
 *     the name, or the application is still being deleted
 */
public record FleetChanges(List<String> created, List<String> updated, List<String> deleted, List<String> unchanged,
        List<String> skipped) {

    /** Nothing done. */
    public static final FleetChanges NONE = new FleetChanges(List.of(), List.of(), List.of(), List.of(), List.of());

    /**
     * Copies the lists.
     *
     * @param created registered for the first time
     * @param updated registered again with a changed spec or finalizers
     * @param deleted deleted (their resources with them or not, as their finalizers say)
     * @param unchanged generated as they are: nothing written
     * @param skipped generated but left as they are: the policy forbids the change, another owner has the
     *     name, or the application is still being deleted
     */
    public FleetChanges {
        created = List.copyOf(created);
        updated = List.copyOf(updated);
        deleted = List.copyOf(deleted);
        unchanged = List.copyOf(unchanged);
        skipped = List.copyOf(skipped);
    }

    /** {@return how many applications were registered, updated or deleted: 0 when nothing was written} */
    public int writes() {
        return created.size() + updated.size() + deleted.size();
    }
}
